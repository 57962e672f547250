import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../app/jobs/job';
import type { Engine } from '../main/engine/engine';
import { nextUpdate, settled, testEngine } from './helpers/engine';
import { makeClip, makeCorrupt, tempDir, tempLeftovers } from './helpers/media';
import { eventually, openFdCount, processesMentioning } from './helpers/processes';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

describe('scheduler', () => {
  it('never runs more jobs than the concurrency limit', async () => {
    const dir = tempDir();
    engine = await testEngine({ overrides: { concurrency: 1 } });
    const clips = [1, 2, 3].map((n) => makeClip(path.join(dir, `c${n}.mp4`)));
    let maxActive = 0;
    const e = engine;
    e.jobs.onUpdate(() => {
      maxActive = Math.max(
        maxActive,
        e.queue.list().filter((j) => ['probing', 'running', 'finalizing'].includes(j.status))
          .length,
      );
    });
    const { ids } = await e.jobs.add({ paths: clips, outDir: path.join(dir, 'out') });
    await e.jobs.start();
    const jobs = await settled(e, ids);
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done', 'done']);
    expect(maxActive).toBe(1);
  });

  it('holds back above the memory high-water mark and says why, then resumes', async () => {
    const dir = tempDir();
    let pressure: string | null =
      'Memory is low (10 MB free), so no new job starts until some is freed.';
    engine = await testEngine({ memoryCheck: () => pressure });
    const { ids } = await engine.jobs.add({
      paths: [makeClip(path.join(dir, 'a.mp4'))],
      outDir: path.join(dir, 'out'),
    });
    const state = await engine.jobs.start();
    expect(state.throttled).toMatch(/Memory is low/);
    expect((await engine.jobs.list())[0]?.status).toBe('queued');
    pressure = null;
    const id = ids[0] ?? '';
    await engine.settings.set({ concurrency: 1 }); // any nudge re-checks at once; a timer would after 2 s
    expect((await settled(engine, [id]))[0]?.status).toBe('done');
  });

  it('batches progress to about 10 events per second per job', async () => {
    const dir = tempDir();
    engine = await testEngine();
    const clip = makeClip(path.join(dir, 'long.mkv'), {
      seconds: 20,
      size: '320x240',
      codec: ['-c:v', 'mpeg4'],
    });
    const { ids } = await engine.jobs.add({
      paths: [clip],
      outDir: path.join(dir, 'out'),
      presetId: 'h264-mp4',
    });
    const id = ids[0] ?? '';
    const times: number[] = [];
    engine.jobs.onProgress((event) => {
      if (event.id === id) times.push(performance.now());
    });
    await engine.jobs.start();
    const [job] = await settled(engine, [id]);
    expect(job?.status).toBe('done');
    expect(times.length).toBeGreaterThan(2);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
  });
});

describe('persistence', () => {
  it('restores the queue: running jobs queued again, finished ones kept, stale temp files removed', async () => {
    const dir = tempDir();
    const stateDir = path.join(dir, 'state');
    const out = path.join(dir, 'out');
    mkdirSync(stateDir);
    mkdirSync(out);
    const stale = path.join(out, '.clip.framewright-deadbeef.part.mp4');
    writeFileSync(stale, 'half a file');
    const base = {
      createdAt: 1,
      startedAt: null,
      finishedAt: null,
      output: null,
      outputBytes: null,
      progress: null,
      error: null,
      warnings: [],
      attempts: 1,
      log: '',
    };
    const job = (id: string, status: Job['status']): Job => ({
      ...base,
      id,
      status,
      spec: {
        input: path.join(dir, `${id}.mp4`),
        presetId: 'h264-mp4',
        outDir: out,
        onExists: 'rename',
        resolutionPolicy: 'auto',
      },
    });
    writeFileSync(
      path.join(stateDir, 'state.json'),
      JSON.stringify({
        schemaVersion: 1,
        settings: { concurrency: 3 },
        jobs: [job('a', 'running'), job('b', 'done'), job('c', 'queued')],
        temps: [stale],
      }),
    );
    engine = await testEngine({ stateDir });
    const jobs = await engine.jobs.list();
    expect(jobs.map((j) => [j.id, j.status])).toEqual([
      ['a', 'queued'],
      ['b', 'done'],
      ['c', 'queued'],
    ]);
    expect(jobs[0]?.warnings[0]).toMatch(/Re-queued/);
    expect((await engine.settings.get()).concurrency).toBe(3);
    expect(existsSync(stale)).toBe(false);
  });

  it('survives a damaged state file with a sentence, and writes a fresh one', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'state.json'), '{"schemaVersion": 99');
    engine = await testEngine({ stateDir: dir });
    expect(engine.startupProblems).toEqual([
      'The saved queue could not be read and was started fresh.',
    ]);
    expect(await engine.jobs.list()).toEqual([]);
    await engine.jobs.add({
      paths: [makeClip(path.join(dir, 'a.mp4'))],
      outDir: path.join(dir, 'out'),
    });
    await engine.dispose();
    engine = await testEngine({ stateDir: dir });
    expect(await engine.jobs.list()).toHaveLength(1);
  });
});

describe('adding many files', () => {
  it('2,500 files are three `added` events, no updates, and are saved without waiting for shutdown', async () => {
    const dir = tempDir();
    const stateDir = path.join(dir, 'state');
    const folder = path.join(dir, 'drop');
    mkdirSync(folder);
    for (let i = 0; i < 2500; i++)
      writeFileSync(path.join(folder, `clip-${String(i).padStart(4, '0')}.mp4`), '');
    engine = await testEngine({ stateDir });
    const added: Job[][] = [];
    let updates = 0;
    engine.jobs.onAdded((event) => added.push(event));
    engine.jobs.onUpdate(() => updates++);
    const result = await engine.jobs.add({ paths: [folder], outDir: path.join(dir, 'out') });

    expect(added.map((event) => event.length)).toEqual([1000, 1000, 500]);
    expect(updates).toBe(0);
    const jobs = added.flat();
    // The reply is just the ids, in the order of the events (and of the folder's names).
    expect(result.ids).toEqual(jobs.map((job) => job.id));
    expect(jobs.map((job) => path.basename(job.spec.input))).toEqual(
      Array.from({ length: 2500 }, (_, i) => `clip-${String(i).padStart(4, '0')}.mp4`),
    );
    const saved = (): string[] => {
      try {
        const state = JSON.parse(readFileSync(path.join(stateDir, 'state.json'), 'utf8')) as {
          jobs: Job[];
        };
        return state.jobs.map((job) => job.id);
      } catch {
        return [];
      }
    };
    await expect.poll(saved).toEqual(result.ids);
  });
});

describe('removing many jobs', () => {
  it('removing 2,500 queued jobs is one `removed` event and no update per job', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'drop');
    mkdirSync(folder);
    for (let i = 0; i < 2500; i++) writeFileSync(path.join(folder, `clip-${i}.mp4`), '');
    engine = await testEngine();
    const { ids } = await engine.jobs.add({ paths: [folder], outDir: path.join(dir, 'out') });
    expect(ids).toHaveLength(2500);
    const removed: string[][] = [];
    let updates = 0;
    engine.jobs.onRemoved((event) => removed.push(event.ids));
    engine.jobs.onUpdate(() => updates++);

    await engine.jobs.remove({ ids: [...ids, ids[0] ?? '', 'no-such-job'] });
    expect(removed).toEqual([ids]);
    expect(updates).toBe(0);
    expect(await engine.jobs.list()).toEqual([]);
    await engine.jobs.remove({ ids });
    expect(removed).toHaveLength(1); // nothing left to remove, nothing said
  });
});

describe('leaks', () => {
  it('after a batch of successes, failures and cancels: no process, pipe or temp file remains', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    engine = await testEngine({ overrides: { concurrency: 2 } });
    await engine.system.doctor(); // start the worker before measuring
    const fdsBefore = openFdCount();
    const good = [1, 2, 3, 4, 5, 6].map((n) =>
      makeClip(path.join(dir, `ok${n}.mp4`), { seconds: 1, audio: n % 2 === 0 }),
    );
    const bad = [1, 2, 3].map((n) => makeCorrupt(path.join(dir, `bad${n}.mp4`)));
    const slow = [1, 2].map((n) =>
      makeClip(path.join(dir, `slow${n}.mkv`), {
        seconds: 12,
        size: '640x360',
        codec: ['-c:v', 'mpeg4'],
      }),
    );
    const { ids } = await engine.jobs.add({
      paths: [...slow, ...good, ...bad],
      outDir: out,
      presetId: 'h264-mp4',
    });
    const toCancel = ids.slice(0, 2);
    const e = engine;
    const cancelWhenRunning = toCancel.map((id) =>
      nextUpdate(e, id, (j) => j.status === 'running').then(() => e.jobs.cancel({ ids: [id] })),
    );
    await e.jobs.start();
    await Promise.all(cancelWhenRunning);
    const jobs = await settled(e, ids);
    const count = (s: string) => jobs.filter((j) => j.status === s).length;
    expect([count('done'), count('failed'), count('cancelled')]).toEqual([6, 3, 2]);
    expect(await eventually(() => processesMentioning(dir).length === 0)).toBe(true);
    expect(tempLeftovers(out)).toEqual([]);
    expect(openFdCount()).toBeLessThanOrEqual(fdsBefore);
  });
});
