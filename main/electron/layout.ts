import path from 'node:path';
import { app } from 'electron';
import { defaultOutDir } from '../../platform/folders';

// Where the app's files are, from a checkout (dist/ built by scripts/build.mjs) or from a
// package made by electron-builder (dist/ inside app.asar, presets in resources/).

export interface Layout {
  preload: string;
  indexHtml: string;
  /** dist/renderer: the only files the window may load. */
  rendererDir: string;
  worker: string;
  presetsDir: string;
  stateDir: string;
  defaultOutDir: string;
}

/**
 * Lets a person (or a test) keep Framewright's state elsewhere:
 * FRAMEWRIGHT_STATE_DIR replaces the user data folder. Call before the app is ready.
 */
export function applyStateDirOverride(env: NodeJS.ProcessEnv = process.env): void {
  const dir = env.FRAMEWRIGHT_STATE_DIR;
  if (dir !== undefined && dir !== '') app.setPath('userData', path.resolve(dir));
}

/** Electron's videos folder; undefined where the OS has none. */
function videosDir(): string | undefined {
  try {
    return app.getPath('videos');
  } catch {
    return undefined;
  }
}

export function resolveLayout(env: NodeJS.ProcessEnv = process.env): Layout {
  // This file is bundled into dist/electron/main.js, so __dirname is dist/electron.
  const distDir = path.resolve(__dirname, '..');
  const rendererDir = path.join(distDir, 'renderer');
  return {
    preload: path.join(distDir, 'electron', 'preload.js'),
    indexHtml: path.join(rendererDir, 'index.html'),
    rendererDir,
    worker: path.join(distDir, 'worker.js'),
    presetsDir: app.isPackaged
      ? path.join(process.resourcesPath, 'presets')
      : path.join(distDir, '..', 'resources', 'presets'),
    stateDir: app.getPath('userData'),
    defaultOutDir: defaultOutDir(env, videosDir()),
  };
}
