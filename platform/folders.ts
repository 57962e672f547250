import os from 'node:os';
import path from 'node:path';

// Where Framewright keeps its files when no host (Electron) chooses: the XDG folders,
// and the output folder every host defaults to.

type Env = NodeJS.ProcessEnv;

/** The user's cache folder for Framewright ($XDG_CACHE_HOME/framewright). */
export function userCacheDir(env: Env = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'framewright');
}

/** The user's state folder for Framewright: the CLI's and web host's queue and settings. */
export function userStateDir(env: Env = process.env): string {
  const base = env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'framewright');
}

/**
 * Where outputs go when neither the job nor the settings name a folder:
 * FRAMEWRIGHT_OUT_DIR, else Framewright inside the videos folder (Electron's, when given).
 */
export function defaultOutDir(env: Env = process.env, videosDir?: string): string {
  const override = env.FRAMEWRIGHT_OUT_DIR;
  if (override !== undefined && override !== '') return path.resolve(override);
  return path.join(videosDir ?? path.join(os.homedir(), 'Videos'), 'Framewright');
}
