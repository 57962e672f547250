import os from 'node:os';
import path from 'node:path';

// Where the bundled CLI finds its siblings: dist/cli.js sits beside dist/worker.js,
// and resources/ is one level up from dist/.

export const distDir = __dirname;
export const workerPath = path.join(distDir, 'worker.js');
export const rendererDir = path.join(distDir, 'renderer');
export const presetsDir = path.join(distDir, '..', 'resources', 'presets');

/** XDG state folder for the web host's queue and settings. */
export function defaultStateDir(): string {
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'framewright');
}

export function defaultOutDir(): string {
  return path.join(os.homedir(), 'Videos', 'Framewright');
}
