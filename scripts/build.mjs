// Builds the Node-side bundles with esbuild (fast, one file per process entry) and the
// renderer with Vite. Flags: --quiet, --node-only (skip the renderer).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const quiet = process.argv.includes('--quiet');
const nodeOnly = process.argv.includes('--node-only');

const entries = [
  ['main/cli/index.ts', 'dist/cli.js'],
  ['native/worker/index.ts', 'dist/worker.js'],
  ['main/electron/main.ts', 'dist/electron/main.js'],
  ['main/electron/preload.ts', 'dist/electron/preload.js'],
].filter(([source]) => existsSync(path.join(root, source)));

await Promise.all(
  entries.map(([source, out]) =>
    build({
      entryPoints: [path.join(root, source)],
      outfile: path.join(root, out),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'linked',
      // Electron is provided at run time; optional binaries packages are resolved at run time.
      external: ['electron', 'ffmpeg-static', 'ffprobe-static'],
      logLevel: quiet ? 'warning' : 'info',
    }),
  ),
);

if (!nodeOnly && existsSync(path.join(root, 'renderer/index.html'))) {
  const vite = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      quiet ? 'warn' : 'info',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
