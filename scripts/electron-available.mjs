// Is a runnable Electron binary here? Decided by its files only: node_modules/electron/
// path.txt names the binary under node_modules/electron/dist/ (or under
// ELECTRON_OVERRIDE_DIST_PATH). Never require('electron'): without the binary it tries
// to download one. `npm start` uses this to choose Electron or the web host.
//   node scripts/electron-available.mjs   → prints the binary's path, exit 0
//                                          → prints why not on stderr, exit 1
// e2e/electron/electron-binary.ts repeats this check for the Playwright spec.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

/**
 * @param {string} [repoRoot]
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ available: true, path: string } | { available: false, reason: string }}
 */
export function findElectron(repoRoot = root, env = process.env) {
  const pkg = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      available: false,
      reason: `${path.relative(repoRoot, pathFile)} is missing (the Electron binary was never downloaded)`,
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '')
    return { available: false, reason: `${path.relative(repoRoot, pathFile)} is empty` };
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.resolve(env.ELECTRON_OVERRIDE_DIST_PATH)
    : path.join(pkg, 'dist');
  const binary = path.join(distDir, relative);
  if (!existsSync(binary) || !statSync(binary).isFile()) {
    return {
      available: false,
      reason: `the Electron binary ${binary} named by path.txt is missing`,
    };
  }
  if (process.platform !== 'win32') {
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      return { available: false, reason: `the Electron binary ${binary} is not executable` };
    }
  }
  return { available: true, path: binary };
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const found = findElectron();
  if (found.available) {
    console.log(found.path);
    process.exit(0);
  }
  console.error(`No runnable Electron: ${found.reason}.`);
  process.exit(1);
}
