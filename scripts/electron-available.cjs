// Is a runnable Electron binary here? Decided by its files only: node_modules/electron/
// path.txt names the binary under node_modules/electron/dist/ (or under
// ELECTRON_OVERRIDE_DIST_PATH). Never require('electron'): without the binary it tries
// to download one. `npm start` uses this (through electron-fetch.cjs) to choose Electron
// or the web host, and the Electron Playwright spec to skip itself (CommonJS, so both can
// load it).
//   node scripts/electron-available.cjs   → prints the binary's path, exit 0
//                                          → prints why not on stderr, exit 1
'use strict';
const { accessSync, constants, existsSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** @type {import('./electron-available.d.cts').findElectron} */
function findElectron(repoRoot = ROOT, env = process.env) {
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

module.exports = { ROOT, findElectron };

if (require.main === module) {
  const found = findElectron();
  if (found.available) {
    console.log(found.path);
    process.exit(0);
  }
  console.error(`No runnable Electron: ${found.reason}.`);
  process.exit(1);
}
