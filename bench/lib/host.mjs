import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { CLI, ROOT } from './framewright.mjs';

// The real web host (`framewright serve --port 0`) and a small api client over its
// WebSocket, as the browser's renderer talks to it.

export async function startHost(dir) {
  const outDir = path.join(dir, 'out');
  const stateDir = path.join(dir, 'state');
  mkdirSync(outDir, { recursive: true });
  const child = spawn(
    process.execPath,
    // Started as scripts/start.sh and bin/framewright.js start it (V8 memory flags: LONG_RUNNING_V8_FLAGS in main/engine/worker-port.ts).
    [
      '--max-semi-space-size=2',
      '--optimize-for-size',
      '--expose-gc',
      CLI,
      'serve',
      '--port',
      '0',
      '--out',
      outDir,
      '--state-dir',
      stateDir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /Framewright is serving at (\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`The web host exited (${code}).`)));
  });
  return {
    url,
    pid: child.pid,
    outDir,
    spoolDir: path.join(stateDir, 'spool'),
    async stop() {
      process.off('exit', reap);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Calls api methods and delivers events; frames may carry one message or a JSON array. */
export async function connect(url, onEvent = () => undefined) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}api`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map();
  ws.on('message', (data) => {
    const parsed = JSON.parse(data.toString('utf8'));
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      if (message.type === 'event') onEvent(message);
      else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'error') waiter?.reject(new Error(message.error.message));
        else waiter?.resolve(message.output);
      }
    }
  });
  return {
    call(service, method, input) {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'call', id, service, method, input }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    close: () => ws.close(),
  };
}
