import { existsSync, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ReplyMessage } from '../app/api/contract';
import type { FrameStatsEvent } from '../app/jobs/frame-stats';
import { Emitter } from '../main/engine/emitter';
import type { Engine } from '../main/engine/engine';
import { startServer, type RunningServer } from '../main/server';
import { root } from './helpers/cli';
import { testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

// What the web host keeps for clients: uploads that never became jobs go after a grace
// period, and a client that stops reading misses frame statistics instead of making
// the host buffer them.

const GRACE_MS = 3000;

/** Resolves once `target` no longer exists, on the events of the folder holding it. */
function gone(target: string): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (existsSync(target)) return;
      watcher.close();
      resolve();
    };
    const watcher = watch(path.dirname(target), check);
    check();
  });
}

describe('web host limits', () => {
  let engine: Engine;
  let server: RunningServer;
  let dir = '';
  const stats = new Emitter<FrameStatsEvent>();
  beforeAll(async () => {
    dir = tempDir();
    engine = await testEngine();
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      outDir: path.join(dir, 'out'),
      spoolDir: path.join(dir, 'spool'),
      token: null,
      rendererDir: path.join(root, 'dist/renderer'),
      // The real engine, with frame statistics the test emits itself, as fast as it likes.
      engine: { ...engine, jobs: { ...engine.jobs, onFrameStats: stats.on } },
      uploadGraceMs: GRACE_MS,
    });
  });
  afterAll(async () => {
    await server.close();
    await engine.dispose();
  });

  const upload = async (query: string, body: Buffer): Promise<string> => {
    const response = await fetch(`${server.url}upload?${query}`, { method: 'POST', body });
    expect(response.status).toBe(201);
    return ((await response.json()) as { path: string }).path;
  };

  it('removes uploads that never became jobs after the grace period, and keeps job inputs', async () => {
    const clip = readFileSync(makeClip(path.join(dir, 'sunrise.mp4')));
    // A dropped folder: the clip becomes a job, the note is skipped by the engine.
    const batch = `batch=${crypto.randomUUID()}`;
    const kept = await upload(`name=sunrise.mp4&${batch}&rel=holiday/sunrise.mp4`, clip);
    const note = await upload(`name=notes.txt&${batch}&rel=holiday/notes.txt`, Buffer.from('hi'));
    const { ids } = await engine.jobs.add({ paths: [path.dirname(kept)] });
    expect(ids).toHaveLength(1);
    // A loose file nobody added, uploaded last: the sweep decides about the folder first.
    const orphan = await upload('name=forgotten.mp4', clip);

    await gone(path.dirname(orphan));
    expect(existsSync(note)).toBe(false);
    expect(existsSync(kept)).toBe(true);
  });

  it('a client that stops reading misses frame statistics; the host does not buffer them all', async () => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}api`);
    await new Promise((resolve) => ws.once('open', resolve));
    let statsChars = 0;
    const replied = new Promise<void>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        const parsed = JSON.parse(text) as ReplyMessage | ReplyMessage[];
        const messages = Array.isArray(parsed) ? parsed : [parsed];
        if (messages.some((m) => m.type === 'event' && m.event === 'frameStats'))
          statsChars += text.length;
        if (messages.some((m) => m.type === 'result' && m.id === 1)) resolve();
      });
    });
    ws.pause();

    const frames = 20_000;
    const event: FrameStatsEvent = {
      id: 'job',
      stepIndex: 0,
      frame: Array.from({ length: frames }, (_, i) => i),
      timeSec: Array.from({ length: frames }, (_, i) => i / 25),
      pictureTypes: 'P'.repeat(frames),
      sizeBytes: Array.from({ length: frames }, () => 1234),
      qp: Array.from({ length: frames }, () => 28),
      width: Array.from({ length: frames }, () => 1920),
      height: Array.from({ length: frames }, () => 1080),
    };
    const eventChars = JSON.stringify(event).length;
    const emitted = 100_000_000;
    for (let sent = 0; sent < emitted; sent += eventChars) {
      stats.emit(event);
      await nextTurn();
    }

    // A call's reply is never dropped and leaves after everything buffered before it.
    ws.resume();
    ws.send(JSON.stringify({ type: 'call', id: 1, service: 'jobs', method: 'queueState' }));
    await replied;
    ws.close();
    expect(statsChars).toBeGreaterThan(0);
    expect(statsChars).toBeLessThan(emitted / 4);
  });
});
