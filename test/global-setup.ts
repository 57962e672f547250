import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Builds the Node bundles (dist/cli.js, dist/worker.js) the integration tests run. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--node-only', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  // Logs and state of the CLIs and hosts the tests start go to this run's own folder, not
  // the user's: parallel runs never share (or rotate) one log file.
  process.env.XDG_STATE_HOME ??= mkdtempSync(path.join(tmpdir(), 'framewright-test-state-'));
}
