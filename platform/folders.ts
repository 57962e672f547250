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
 * The user presets every host shares (desktop app, CLI, web host on its default state
 * folder): FRAMEWRIGHT_STATE_DIR's presets/ when set, else the user's state folder's. A
 * preset saved or imported in the app is then usable by `framewright convert --preset`.
 */
export function userPresetsDir(env: Env = process.env): string {
  const dir = env.FRAMEWRIGHT_STATE_DIR;
  return path.join(
    dir !== undefined && dir !== '' ? path.resolve(dir) : userStateDir(env),
    'presets',
  );
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
