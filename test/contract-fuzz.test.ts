import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API, type ReplyMessage } from '../app/api/contract';
import { createRouter } from '../main/api/router';
import type { Engine } from '../main/engine/engine';
import { cliPath } from './helpers/cli';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// Invalid and hostile payloads to every api method over every transport we can run
// here (in-process and WebSocket; Electron IPC shares the same router). Each must be
// rejected with an error, and the host must keep serving.

const HOSTILE: unknown[] = [
  null,
  42,
  'text',
  [],
  [1, 2, 3],
  { paths: 'not-a-list' },
  { paths: [42] },
  { ids: [''] },
  { id: { $gt: '' } },
  { presetId: 'x'.repeat(10_000) },
  { json: 7 },
  { concurrency: -5, outDir: 3 },
  { refresh: 'yes' },
  JSON.parse('{"__proto__": {"polluted": true}, "paths": {}}') as unknown,
  { paths: Array.from({ length: 200_001 }, () => 'x') },
];

const METHODS = Object.entries(API).flatMap(([service, methods]) =>
  Object.keys(methods).map((method) => [service, method] as const),
);

describe('in-process transport', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine({ stateDir: tempDir() });
  });
  afterAll(() => engine.dispose());

  it.each(METHODS)('%s.%s rejects every hostile payload with an error', async (service, method) => {
    const router = createRouter(engine);
    let id = 0;
    for (const input of HOSTILE) {
      const reply = await router.handle({ type: 'call', id: ++id, service, method, input });
      expect(
        reply.type,
        `${service}.${method} accepted ${JSON.stringify(input)?.slice(0, 80)}`,
      ).toBe('error');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('WebSocket transport', () => {
  let host: ChildProcess;
  let url = '';
  beforeAll(async () => {
    const dir = tempDir();
    host = spawn(
      process.execPath,
      [
        cliPath,
        'serve',
        '--port',
        '0',
        '--out',
        path.join(dir, 'out'),
        '--state-dir',
        path.join(dir, 'state'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    url = await new Promise<string>((resolve, reject) => {
      let text = '';
      host.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const match = /serving at (http:\/\/\S+)/.exec(text);
        if (match?.[1]) resolve(match[1].replace(/^http/, 'ws').replace(/\/?$/, '/api'));
      });
      host.on('exit', () => reject(new Error('host exited')));
    });
  });
  afterAll(() => {
    host.kill('SIGTERM');
  });

  it('rejects hostile frames and payloads for every method, then still answers', async () => {
    const ws = new WebSocket(url, { origin: new URL(url.replace(/^ws/, 'http')).origin });
    const replies = new Map<number, ReplyMessage>();
    const waiters = new Map<number, () => void>();
    ws.on('message', (data: Buffer) => {
      const parsed = JSON.parse(data.toString('utf8')) as ReplyMessage | ReplyMessage[];
      for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
        if (m.type === 'event') continue;
        replies.set(m.id, m);
        waiters.get(m.id)?.();
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const call = (message: unknown, id: number): Promise<ReplyMessage | undefined> =>
      new Promise((resolve) => {
        waiters.set(id, () => resolve(replies.get(id)));
        ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      });

    // Frames that are not calls at all: answered with an error (id -1) or ignored, never a crash.
    for (const frame of ['not json', '{"type":"call"}', '[]', 'null', '{"type":"call","id":-1}'])
      ws.send(frame);

    let id = 0;
    for (const [service, method] of METHODS) {
      for (const input of HOSTILE.slice(0, 10)) {
        const reply = await call({ type: 'call', id: ++id, service, method, input }, id);
        expect(reply?.type, `${service}.${method}`).toBe('error');
      }
    }
    const alive = await call({ type: 'call', id: ++id, service: 'presets', method: 'list' }, id);
    expect(alive?.type).toBe('result');
    ws.close();
    expect(host.exitCode).toBeNull();
  });
});
