import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds the Node bundles (dist/cli.js, dist/worker.js) the integration tests run. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--node-only', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}
