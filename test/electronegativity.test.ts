import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/cli';
import { tempDir } from './helpers/media';

// The security gate (run on our code by `npm test`) reads Electronegativity's findings
// through its library API, since the CLI always exits 0 (and its CSV can lose rows). Here:
// it must fail on a planted insecure window and say so in its report.

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
    const report = path.join(dir, 'report.json');
    const result = gate('--input', dir, '--report', report);
    expect(result.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK bad\.js/);
    expect(result.status).toBe(1);
    const { findings } = JSON.parse(readFileSync(report, 'utf8')) as {
      findings: { issue: string; severity: string }[];
    };
    expect(findings).toContainEqual(
      expect.objectContaining({ issue: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }),
    );
  });
});
