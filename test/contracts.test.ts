import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_EVENTS, type ReplyMessage } from '../app/api/contract';
import { jobsOf } from '../app/jobs/added';
import { FFMPEG_PREFIX } from '../app/ffmpeg/safety';
import { WorkerToMainSchema, type WorkerToMain } from '../app/worker/protocol';
import { createRouter, type Router } from '../main/api/router';
import type { Engine } from '../main/engine/engine';
import { root } from './helpers/cli';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

describe('api router', () => {
  let engine: Engine;
  let router: Router;
  beforeAll(async () => {
    engine = await testEngine();
    router = createRouter(engine);
  });
  afterAll(() => engine.dispose());

  const call = (
    service: unknown,
    method: unknown,
    input?: unknown,
    id: unknown = 1,
  ): Promise<ReplyMessage> => router.handle({ type: 'call', id, service, method, input });

  it('answers a valid call', async () => {
    const reply = await call('presets', 'list');
    expect(reply.type).toBe('result');
  });

  it.each([
    ['unknown service', 'nope', 'list', undefined, /Unknown method nope\.list/],
    ['prototype key as service', '__proto__', 'toString', undefined, /Unknown method/],
    ['prototype key as method', 'jobs', 'constructor', undefined, /Unknown method/],
    ['input where none is taken', 'jobs', 'list', { evil: true }, /Invalid input for jobs\.list/],
    [
      'wrong input type',
      'jobs',
      'add',
      { paths: 'not-an-array' },
      /Invalid input for jobs\.add: paths/,
    ],
    ['empty path list', 'jobs', 'add', { paths: [] }, /paths/],
    ['bad policy', 'jobs', 'add', { paths: ['/x'], onExists: 'clobber' }, /onExists/],
    ['out-of-range setting', 'settings', 'set', { concurrency: -1 }, /concurrency/],
    ['unknown preset', 'presets', 'commandFor', { presetId: 'nope' }, /no preset called "nope"/],
    [
      'hostile preset JSON',
      'presets',
      'import',
      { json: '{"id":"x","extraArgs":["-i"]' },
      /not valid JSON/,
    ],
  ])('rejects %s with an error, never a crash', async (_name, service, method, input, message) => {
    const reply = await call(service, method, input);
    expect(reply.type).toBe('error');
    expect(reply.type === 'error' ? reply.error.message : '').toMatch(message);
  });

  it.each([
    null,
    42,
    'call',
    [],
    { type: 'call' },
    { type: 'call', id: 'x', service: 'jobs', method: 'list' },
  ])('rejects the malformed message %j', async (raw) => {
    const reply = await router.handle(raw);
    expect(reply.type).toBe('error');
  });
});

describe('api events', () => {
  let engine: Engine;
  let router: Router;
  beforeAll(async () => {
    engine = await testEngine();
    router = createRouter(engine);
  });
  afterAll(() => engine.dispose());

  /** A folder of `count` empty .mp4 files (adding does not read them). */
  const folderOf = (count: number): string => {
    const folder = path.join(tempDir(), 'drop');
    mkdirSync(folder);
    for (let i = 0; i < count; i++)
      writeFileSync(path.join(folder, `clip-${String(i).padStart(5, '0')}.mp4`), '');
    return folder;
  };

  /** Adds `count` files through the router; the events sent while it ran, and its reply. */
  async function addThroughRouter(count: number): Promise<{
    events: Extract<ReplyMessage, { type: 'event' }>[];
    reply: ReplyMessage;
  }> {
    const events: Extract<ReplyMessage, { type: 'event' }>[] = [];
    const off = router.subscribe((message) => {
      if (message.type === 'event') events.push(message);
    });
    const reply = await router.handle({
      type: 'call',
      id: 1,
      service: 'jobs',
      method: 'add',
      input: { paths: [folderOf(count)], outDir: tempDir() },
    });
    off();
    return { events, reply };
  }

  it('a few new jobs are one valid `added` event, not an update per job', async () => {
    const { events, reply } = await addThroughRouter(5);
    expect(events.map((e) => `${e.service}.${e.event}`)).toEqual(['jobs.added']);
    const payload = API_EVENTS.jobs.added.parse(events[0]?.payload);
    expect(payload.jobs).toHaveLength(5);
    expect(reply.type === 'result' && reply.output).toEqual({
      ids: jobsOf(payload).map((job) => job.id),
      skipped: [],
    });
  });

  it('10,000 new jobs are ten `added` events of 1,000, in order, and no updates', async () => {
    const { events, reply } = await addThroughRouter(10_000);
    expect(events.map((e) => e.event)).toEqual(Array.from({ length: 10 }, () => 'added'));
    const payloads = events.map((e) => API_EVENTS.jobs.added.parse(e.payload));
    expect(payloads.map((p) => p.jobs.length)).toEqual(Array.from({ length: 10 }, () => 1000));
    const jobs = payloads.flatMap(jobsOf);
    expect(jobs.at(-1)?.spec.input).toMatch(/clip-09999\.mp4$/);
    expect(reply.type === 'result' && reply.output).toEqual({
      ids: jobs.map((job) => job.id),
      skipped: [],
    });
    expect((await engine.jobs.list()).slice(-10_000)).toEqual(jobs);
  });
});

describe('worker protocol', () => {
  it('ignores garbage, rejects invalid params with a sentence, refuses unsafe steps, stays alive', async () => {
    const worker = fork(path.join(root, 'dist/worker.js'), [], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const replies: WorkerToMain[] = [];
    const waitFor = (id: number): Promise<WorkerToMain> =>
      new Promise((resolve) => {
        const check = (): void => {
          const found = replies.find((r) => 'id' in r && r.id === id && r.type !== 'progress');
          if (found) resolve(found);
          else worker.once('message', check);
        };
        check();
      });
    worker.on('message', (raw) => {
      const parsed = WorkerToMainSchema.safeParse(raw);
      if (parsed.success) replies.push(parsed.data);
    });
    worker.send({ hello: 'world' });
    worker.send({ type: 'request', id: 'x' });
    worker.send({ type: 'request', id: 1, method: 'probe', params: { path: '', timeoutMs: -5 } });
    const bad = await waitFor(1);
    expect(bad.type === 'error' ? bad.error.message : '').toMatch(/^Invalid probe request: path/);

    const out = path.join(tempDir(), 'x.mkv');
    const unsafe = ['-i', 'file:/etc/passwd', out];
    worker.send({
      type: 'request',
      id: 2,
      method: 'run',
      params: {
        jobId: 'j',
        stallTimeoutMs: 1000,
        steps: [
          {
            label: 'x',
            program: 'ffmpeg',
            args: unsafe,
            durationSec: null,
            weight: 1,
            outputs: [],
          },
        ],
      },
    });
    const refused = await waitFor(2);
    expect(refused.type === 'error' ? refused.error.message : '').toMatch(
      /refused: it does not start with Framewright's safety options/,
    );

    const safe = [
      ...FFMPEG_PREFIX,
      '-f',
      'lavfi',
      '-i',
      'testsrc2=duration=0.2:size=64x48',
      '-f',
      'null',
      '-',
    ];
    worker.send({
      type: 'request',
      id: 3,
      method: 'run',
      params: {
        jobId: 'k',
        stallTimeoutMs: 5000,
        steps: [
          { label: 'y', program: 'ffmpeg', args: safe, durationSec: 0.2, weight: 1, outputs: [] },
        ],
      },
    });
    const ok = await waitFor(3);
    // lavfi is not on the protocol whitelist's concern (a device, not a protocol), so this runs.
    expect(ok.type).toBe('result');
    worker.kill();
  });
});
