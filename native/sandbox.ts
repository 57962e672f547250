import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { SandboxInfo } from '../app/worker/protocol';

/** Reports whether bubblewrap can confine ffmpeg here. Enforcement arrives with the hardening work. */
export function detectSandbox(envPath: string | undefined): SandboxInfo {
  if (process.platform !== 'linux') {
    return {
      kind: 'none',
      available: false,
      reason:
        'No process sandbox is used on this operating system; ffmpeg runs with a protocol whitelist only.',
    };
  }
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(path.join(dir, 'bwrap'), constants.X_OK);
      return {
        kind: 'bubblewrap',
        available: true,
        reason: `bubblewrap found at ${path.join(dir, 'bwrap')}; ffmpeg is not yet confined by it, only by the protocol whitelist.`,
      };
    } catch {
      // keep looking
    }
  }
  return {
    kind: 'none',
    available: false,
    reason:
      'bubblewrap is not installed (Debian: apt-get install bubblewrap); ffmpeg runs with a protocol whitelist only.',
  };
}
