import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// Finds a runnable Electron binary by its files, like scripts/electron-available.mjs:
// node_modules/electron/path.txt names it under node_modules/electron/dist/ (or under
// ELECTRON_OVERRIDE_DIST_PATH). Never require('electron'): without the binary it tries
// to download one.

export const ROOT = path.resolve(__dirname, '..', '..');

export type ElectronBinary =
  { available: true; path: string } | { available: false; reason: string };

export function findElectron(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return {
      available: false,
      reason:
        'node_modules/electron/path.txt is missing (the Electron binary was never downloaded)',
    };
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '')
    return { available: false, reason: 'node_modules/electron/path.txt is empty' };
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = path.join(
    override !== undefined && override !== '' ? path.resolve(override) : path.join(pkg, 'dist'),
    relative,
  );
  if (!existsSync(binary) || !statSync(binary).isFile())
    return {
      available: false,
      reason: `the Electron binary ${binary} named by path.txt is missing`,
    };
  if (process.platform !== 'win32') {
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      return { available: false, reason: `the Electron binary ${binary} is not executable` };
    }
  }
  return { available: true, path: binary };
}
