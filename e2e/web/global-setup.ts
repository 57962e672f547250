import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds dist/ (CLI, worker and the renderer) once before the browser specs. */
export default function setup(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
}
