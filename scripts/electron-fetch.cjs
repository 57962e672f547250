// `npm start`'s choice: can the desktop app start here? npm ci skips Electron's binary
// (ELECTRON_SKIP_BINARY_DOWNLOAD, for speed) and npm 11 runs no install scripts, so when
// the binary is missing this runs Electron's own installer, once and time-bounded: first
// a 5-second look at the download host, so a machine without internet loses seconds, not
// minutes. A failure is remembered for the day (node_modules/.cache/framewright/), and CI
// never fetches. (CommonJS, beside electron-available.cjs.)
//   node scripts/electron-fetch.cjs   → exit 0: Electron can start
//                                      → exit 1: prints why not, in one line, on stdout
'use strict';
const { spawn } = require('node:child_process');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { ROOT, findElectron } = require('./electron-available.cjs');

const REACH_MS = 5000;
const INSTALL_MS = 180_000;

/** @type {import('./electron-fetch.d.cts').markerPath} */
function markerPath(repoRoot = ROOT) {
  return path.join(repoRoot, 'node_modules', '.cache', 'framewright', 'electron-fetch.json');
}

const day = (now) => now.toISOString().slice(0, 10);

/** @type {import('./electron-fetch.d.cts').failedToday} */
function failedToday(marker, now = new Date()) {
  try {
    const saved = JSON.parse(readFileSync(marker, 'utf8'));
    return saved.day === day(now) && typeof saved.reason === 'string' ? saved.reason : null;
  } catch {
    return null;
  }
}

/** Why the download host cannot be reached within `ms`, or null when it answers. */
async function unreachable(url, ms) {
  const host = new URL(url).host;
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(ms) });
    return null;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      return `${host} did not answer within ${ms / 1000} s`;
    const cause = error instanceof Error ? error.cause : undefined;
    const code = cause instanceof Error ? (cause.code ?? cause.message) : String(error);
    return `${host} cannot be reached (${code})`;
  }
}

/** Runs Electron's installer; why it failed, or null. */
function install(repoRoot, env, ms) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'node_modules/electron/install.js')],
      {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: ms,
        killSignal: 'SIGKILL',
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', (error) => resolve(`Electron's installer did not start (${error.message})`));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(null);
      else if (signal !== null)
        resolve(`Electron's installer did not finish within ${ms / 1000} s`);
      else
        resolve(`Electron's installer failed (${stderr.trim().split('\n')[0] || `exit ${code}`})`);
    });
  });
}

/** @type {import('./electron-fetch.d.cts').prepareElectron} */
async function prepareElectron(options = {}) {
  const {
    repoRoot = ROOT,
    env = process.env,
    platform = process.platform,
    now = new Date(),
  } = options;
  const { reachMs = REACH_MS, installMs = INSTALL_MS, log = () => undefined } = options;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { ready: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  if (findElectron(repoRoot, env).available) return { ready: true };
  if (env.CI)
    return { ready: false, reason: 'no Electron binary, and CI is set, so none is fetched' };
  const marker = markerPath(repoRoot);
  const earlier = failedToday(marker, now);
  if (earlier !== null)
    return {
      ready: false,
      reason: `fetching Electron failed earlier today: ${earlier}; delete ${path.relative(repoRoot, marker)} to retry`,
    };
  const mirror = env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/';
  const proxied = Boolean(env.HTTPS_PROXY || env.https_proxy || env.ELECTRON_GET_USE_PROXY);
  let failure = proxied ? null : await unreachable(mirror, reachMs);
  if (failure === null) {
    log('framewright: fetching the Electron binary (about 100 MB, once)…');
    failure = await install(repoRoot, env, installMs);
    if (failure === null && !findElectron(repoRoot, env).available)
      failure = "Electron's installer left no runnable binary";
  }
  if (failure === null) return { ready: true };
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(marker, JSON.stringify({ day: day(now), reason: failure }));
  return { ready: false, reason: `fetching Electron failed: ${failure}` };
}

module.exports = { failedToday, markerPath, prepareElectron };

if (require.main === module) {
  void prepareElectron({ log: (line) => console.error(line) }).then((result) => {
    if (!result.ready) console.log(result.reason);
    process.exit(result.ready ? 0 : 1);
  });
}
