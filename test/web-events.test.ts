import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API_EVENTS, AddJobsResultSchema, type ReplyMessage } from '../app/api/contract';
import { jobsOf } from '../app/jobs/added';
import type { Engine } from '../main/engine/engine';
import { startServer, type RunningServer } from '../main/server';
import { root } from './helpers/cli';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// A 10,000-file drop over the web host's WebSocket: a few frames of `added` events,
// each small enough for a browser to parse in a short task, all before the reply.

interface Client {
  /** Every frame's length and the messages in it, in order of arrival. */
  frames: { chars: number; messages: ReplyMessage[] }[];
  send(message: object): void;
  /** Resolves when a message matches. */
  until(match: (message: ReplyMessage) => boolean): Promise<void>;
  close(): void;
}

async function connect(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const frames: Client['frames'] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    const parsed = JSON.parse(text) as ReplyMessage | ReplyMessage[];
    frames.push({ chars: text.length, messages: Array.isArray(parsed) ? parsed : [parsed] });
    waiters.forEach((check) => check());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    frames,
    send: (message) => ws.send(JSON.stringify(message)),
    until: (match) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (frames.some((frame) => frame.messages.some(match))) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      }),
    close: () => ws.close(),
  };
}

describe('web host events', () => {
  let engine: Engine;
  let server: RunningServer;
  let spoolDir = '';
  beforeAll(async () => {
    const dir = tempDir();
    spoolDir = path.join(dir, 'spool');
    engine = await testEngine({ stateDir: path.join(dir, 'state') });
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      outDir: path.join(dir, 'out'),
      spoolDir,
      token: null,
      rendererDir: path.join(root, 'dist/renderer'),
      engine,
    });
  });
  afterAll(async () => {
    await server.close();
    await engine.dispose();
  });

  it('a 10,000-file drop reaches every page as a few small frames of `added`, before the reply', async () => {
    const folder = path.join(spoolDir, 'many');
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 10_000; i++)
      writeFileSync(path.join(folder, `clip-${String(i).padStart(5, '0')}.mp4`), '');
    const url = `${server.url.replace(/^http/, 'ws')}api`;
    const watcher = await connect(url);
    const adder = await connect(url);
    adder.send({ type: 'call', id: 1, service: 'jobs', method: 'add', input: { paths: [folder] } });
    const replied = (m: ReplyMessage): boolean => m.type === 'result' && m.id === 1;
    await adder.until(replied);
    await watcher.until(
      (m) => m.type === 'event' && m.event === 'added' && JSON.stringify(m).includes('09999'),
    );

    for (const client of [watcher, adder]) {
      const messages = client.frames.flatMap((frame) => frame.messages);
      const events = messages.filter((m) => m.type === 'event' && m.service === 'jobs');
      expect(events.map((m) => (m.type === 'event' ? m.event : ''))).toEqual(
        Array.from({ length: 10 }, () => 'added'),
      );
      const jobs = events.flatMap((m) =>
        m.type === 'event' ? jobsOf(API_EVENTS.jobs.added.parse(m.payload)) : [],
      );
      expect(jobs.map((job) => path.basename(job.spec.input))).toEqual(
        Array.from({ length: 10_000 }, (_, i) => `clip-${String(i).padStart(5, '0')}.mp4`),
      );
      // Several frames, none much larger than one frame's worth (256 KB) of events.
      const eventFrames = client.frames.filter((f) => f.messages.some((m) => m.type === 'event'));
      expect(eventFrames.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...eventFrames.map((f) => f.chars))).toBeLessThan(400_000);
      if (client === adder) {
        const reply = messages.at(-1);
        expect(reply !== undefined && replied(reply)).toBe(true);
        const output = AddJobsResultSchema.parse(reply?.type === 'result' ? reply.output : null);
        // Just the ids, in order: the jobs themselves came in the events.
        expect(output.ids).toEqual(jobs.map((job) => job.id));
        const replyFrame = client.frames.find(
          (f) => reply !== undefined && f.messages.includes(reply),
        );
        expect(replyFrame?.chars).toBeLessThan(500_000); // the jobs were ~4 MB
      }
    }
    watcher.close();
    adder.close();
  });

  it('a page is told only of new jobs whose files are in its spool', async () => {
    const outside = path.join(tempDir(), 'outside.mp4');
    const inside = path.join(spoolDir, 'inside.mp4');
    writeFileSync(outside, '');
    writeFileSync(inside, '');
    const watcher = await connect(`${server.url.replace(/^http/, 'ws')}api`);
    await engine.jobs.add({ paths: [outside] });
    await engine.jobs.add({ paths: [outside, inside] });
    await engine.jobs.add({ paths: [inside] });
    // A call's reply comes after every event sent to this page before it.
    watcher.send({ type: 'call', id: 7, service: 'jobs', method: 'queueState' });
    await watcher.until((m) => m.type === 'result' && m.id === 7);
    const added = watcher.frames
      .flatMap((frame) => frame.messages)
      .flatMap((m) => (m.type === 'event' && m.event === 'added' ? [m.payload] : []))
      .map((payload) => jobsOf(API_EVENTS.jobs.added.parse(payload)));
    expect(added.map((jobs) => jobs.map((job) => job.spec.input))).toEqual([[inside], [inside]]);
    watcher.close();
  });
});
