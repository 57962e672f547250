// Scrubbed environments: a child process sees only the variables named here, so no
// tokens, proxies or credentials leak into the worker or into ffmpeg.

type Env = NodeJS.ProcessEnv;

/** Where GPU drivers live and which one to use: hardware tests and encodes need them. */
const DRIVER_KEYS = [
  'LD_LIBRARY_PATH',
  'LIBVA_DRIVER_NAME',
  'LIBVA_DRIVERS_PATH',
  'CUDA_VISIBLE_DEVICES',
  'VK_DRIVER_FILES',
  'VK_ICD_FILENAMES',
];

const WORKER_KEYS = [
  'PATH',
  'HOME',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'FFMPEG_PATH',
  'FFPROBE_PATH',
  'SYSTEMROOT',
  'XDG_CACHE_HOME',
  // Windows' cache folder (platform/folders.ts), so the worker's matches the host's.
  'LOCALAPPDATA',
  // The shipped CLI runs in Electron's Node; its forked worker must too (not a new app).
  'ELECTRON_RUN_AS_NODE',
  // Test hook: native/process/run-program.ts logs every argv there.
  'FRAMEWRIGHT_SPAWN_LOG',
  ...DRIVER_KEYS,
];

function pick(source: Env, keys: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** The worker process's environment (main starts it). */
export function workerEnv(source: Env = process.env): Record<string, string> {
  return pick(source, WORKER_KEYS);
}

/** The environment of every program the worker starts: minimal, C locale. */
export function programEnv(source: Env = process.env): Record<string, string> {
  return {
    PATH: source.PATH ?? '/usr/bin:/bin',
    LC_ALL: 'C',
    ...pick(source, ['HOME', ...DRIVER_KEYS]),
  };
}
