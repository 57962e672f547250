import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';

// Where Framewright keeps its files when no host (Electron) chooses, by each platform's
// conventions (env-paths): Linux XDG folders, macOS ~/Library, Windows %LOCALAPPDATA%.
// Overrides (FRAMEWRIGHT_*_DIR, XDG_*) are read on every call, so tests and hosts can set them.

type Env = NodeJS.ProcessEnv;

/** env-paths' folders for this platform, named `framewright` (no `-nodejs` suffix). */
function platformPaths(): ReturnType<typeof envPaths> {
  return envPaths('framewright', { suffix: '' });
}

function override(value: string | undefined): string | undefined {
  return value !== undefined && value !== '' ? path.resolve(value) : undefined;
}

/** The user's cache folder: $XDG_CACHE_HOME/framewright, ~/Library/Caches/framewright, …\framewright\Cache. */
export function userCacheDir(): string {
  return platformPaths().cache;
}

/**
 * The CLI's and web host's queue and settings: $XDG_STATE_HOME/framewright on Linux,
 * ~/Library/Application Support/framewright on macOS, %LOCALAPPDATA%\framewright\Data on Windows.
 */
export function userStateDir(): string {
  const paths = platformPaths();
  return process.platform === 'linux' ? paths.log : paths.data;
}

/** FRAMEWRIGHT_STATE_DIR when set, else the user's state folder. */
function sharedStateDir(env: Env): string {
  return override(env.FRAMEWRIGHT_STATE_DIR) ?? userStateDir();
}

/**
 * The user presets every host shares (desktop app, CLI, web host on its default state
 * folder): FRAMEWRIGHT_STATE_DIR's presets/ when set, else the user's state folder's. A
 * preset saved or imported in the app is then usable by `framewright convert --preset`.
 */
export function userPresetsDir(env: Env = process.env): string {
  return path.join(sharedStateDir(env), 'presets');
}

/**
 * The log files of every process kind: FRAMEWRIGHT_LOG_DIR, else FRAMEWRIGHT_STATE_DIR's
 * logs/, else the state folder's logs/ on Linux, ~/Library/Logs/framewright on macOS and
 * %LOCALAPPDATA%\framewright\Log on Windows.
 */
export function userLogDir(env: Env = process.env): string {
  const explicit = override(env.FRAMEWRIGHT_LOG_DIR);
  if (explicit !== undefined) return explicit;
  const state = override(env.FRAMEWRIGHT_STATE_DIR);
  if (state !== undefined) return path.join(state, 'logs');
  return process.platform === 'linux' ? path.join(userStateDir(), 'logs') : platformPaths().log;
}

/**
 * Where outputs go when neither the job nor the settings name a folder:
 * FRAMEWRIGHT_OUT_DIR, else Framewright inside the videos folder (Electron's when given,
 * else ~/Movies on macOS and ~/Videos elsewhere).
 */
export function defaultOutDir(env: Env = process.env, videosDir?: string): string {
  const explicit = override(env.FRAMEWRIGHT_OUT_DIR);
  if (explicit !== undefined) return explicit;
  const videos =
    videosDir ?? path.join(os.homedir(), process.platform === 'darwin' ? 'Movies' : 'Videos');
  return path.join(videos, 'Framewright');
}
