import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/cli';
import { tempDir } from './helpers/media';

// The launcher an installed app ships (resources/bin/framewright, electron-builder's
// extraResources) in a fake install: "framewright" beside resources/ is the app's
// executable, here a script that runs Node only when ELECTRON_RUN_AS_NODE=1, as Electron
// does (otherwise it would open the app's window).

function fakeInstall(): { dir: string; launcher: string } {
  const dir = tempDir('fw-install-');
  const resources = path.join(dir, 'resources');
  mkdirSync(path.join(resources, 'bin'), { recursive: true });
  mkdirSync(path.join(resources, 'app.asar'));
  symlinkSync(path.join(root, 'dist'), path.join(resources, 'app.asar', 'dist'));
  symlinkSync(path.join(root, 'resources'), path.join(resources, 'app.asar', 'resources'));
  const electron = path.join(dir, 'framewright');
  writeFileSync(
    electron,
    `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo 'opened the app instead of the CLI' >&2; exit 9; }\nexec '${process.execPath}' "$@"\n`,
  );
  chmodSync(electron, 0o755);
  const launcher = path.join(resources, 'bin', 'framewright');
  copyFileSync(path.join(root, 'resources', 'bin', 'framewright'), launcher);
  chmodSync(launcher, 0o755);
  return { dir, launcher };
}

describe.skipIf(process.platform === 'win32')('the framewright command in an installed app', () => {
  it("runs the CLI through the app's executable as Node, also through a link in PATH", () => {
    const { dir, launcher } = fakeInstall();
    const linked = path.join(dir, 'usr-local-bin-framewright');
    symlinkSync(launcher, linked);
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;

    const help = spawnSync(linked, ['--help'], { env, encoding: 'utf8' });
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/convert/);

    const wrong = spawnSync(launcher, ['no-such-command'], { env, encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/no-such-command/);
  });
});
