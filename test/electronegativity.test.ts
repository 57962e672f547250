import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/cli';
import { tempDir } from './helpers/media';

// The security gate (run on our code by `npm test`) parses Electronegativity's report,
// since the tool itself always exits 0. Here: it must fail on a planted insecure window.

const gate = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/electronegativity-gate.mjs'), ...args], {
    encoding: 'utf8',
  });

describe('electronegativity gate', () => {
  it('fails on a window with Node integration and no isolation', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'bad.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const result = gate('--input', dir, '--report', path.join(dir, 'report.csv'));
    expect(result.stdout).toMatch(/HIGH\s+\w+/);
    expect(result.status).toBe(1);
  });
});
