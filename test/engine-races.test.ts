import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../main/engine/engine';
import { nextUpdate, settled, testEngine } from './helpers/engine';
import { makeClip, tempDir, tempLeftovers } from './helpers/media';
import { eventually, processesMentioning } from './helpers/processes';

// The races of docs/ARCHITECTURE.md, Rule 13: cancel during start, cancel during finalize, double
// close, worker crash mid-job, quitting with jobs running.

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

function slowClip(dir: string, name = 'slow.mkv'): string {
  return makeClip(path.join(dir, name), {
    seconds: 12,
    size: '640x360',
    codec: ['-c:v', 'mpeg4', '-q:v', '5'],
  });
}

describe('races', () => {
  it('cancel during start: cancelled, nothing written, nothing running', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    engine = await testEngine();
    const clip = makeClip(path.join(dir, 'a.mp4'));
    const { ids } = await engine.jobs.add({ paths: [clip], outDir: out, presetId: 'h264-mp4' });
    const id = ids[0] ?? '';
    const probing = nextUpdate(engine, id, (j) => j.status === 'probing');
    await engine.jobs.start();
    await probing;
    await engine.jobs.cancel({ ids: [id] });
    const [job] = await settled(engine, [id]);
    expect(job?.status).toBe('cancelled');
    expect(job?.error).toBe('Cancelled.');
    expect(readdirSync(out)).toEqual([]);
    expect(await eventually(() => processesMentioning(dir).length === 0)).toBe(true);
  });

  it('cancel during finalize: cancelled and the output removed', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    engine = await testEngine();
    const clip = makeClip(path.join(dir, 'a.mp4'));
    const { ids } = await engine.jobs.add({ paths: [clip], outDir: out, presetId: 'h264-mp4' });
    const id = ids[0] ?? '';
    const e = engine;
    e.jobs.onUpdate((job) => {
      if (job.id === id && job.status === 'finalizing') void e.jobs.cancel({ ids: [id] });
    });
    await engine.jobs.start();
    const [job] = await settled(engine, [id]);
    expect(job?.status).toBe('cancelled');
    expect(readdirSync(out)).toEqual([]);
  });

  it('double cancel and cancelling a finished job are harmless', async () => {
    const dir = tempDir();
    engine = await testEngine();
    const { ids } = await engine.jobs.add({
      paths: [makeClip(path.join(dir, 'a.mp4'))],
      outDir: path.join(dir, 'out'),
    });
    const id = ids[0] ?? '';
    await engine.jobs.cancel({ ids: [id] });
    await engine.jobs.cancel({ ids: [id] });
    expect((await settled(engine, [id]))[0]?.status).toBe('cancelled');
    await engine.jobs.retry({ ids: [id] });
    await engine.jobs.start();
    expect((await settled(engine, [id]))[0]?.status).toBe('done');
    await engine.jobs.cancel({ ids: [id] });
    expect((await engine.jobs.list())[0]?.status).toBe('done');
    await engine.dispose();
    await engine.dispose();
  });

  it('worker crash mid-job: the job is queued again once and finishes; a second crash fails it with the reason; no orphans', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    engine = await testEngine({ overrides: { concurrency: 1 } });
    const clip = slowClip(dir);
    const { ids } = await engine.jobs.add({ paths: [clip], outDir: out, presetId: 'h264-mp4' });
    const id = ids[0] ?? '';
    let crashes = 0;
    const e = engine;
    const offProgress = e.jobs.onProgress((event) => {
      if (event.id !== id || crashes >= 2) return;
      const pid = e.workerPid();
      if (pid !== undefined) {
        crashes++;
        process.kill(pid, 'SIGKILL');
      }
    });
    await engine.jobs.start();
    const [job] = await settled(engine, [id]);
    offProgress();
    expect(crashes).toBe(2);
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/worker stopped unexpectedly \(SIGKILL\)/);
    expect(job?.warnings.join(' ')).toMatch(/queued again/);
    expect(await eventually(() => processesMentioning(dir).length === 0)).toBe(true);
    expect(tempLeftovers(out)).toEqual([]);

    // The supervisor restarted the worker: the next job runs.
    await engine.jobs.retry({ ids: [id] });
    expect((await settled(engine, [id]))[0]?.status).toBe('done');
  });

  it('removing a running job with queued ones stops it, leaves nothing, and sends only `removed`', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    engine = await testEngine({ overrides: { concurrency: 1 } });
    const e = engine;
    const clips = [slowClip(dir, 'a.mkv'), slowClip(dir, 'b.mkv'), slowClip(dir, 'c.mkv')];
    const { ids } = await e.jobs.add({ paths: clips, outDir: out, presetId: 'h264-mp4' });
    const running = nextUpdate(e, ids[0] ?? '', (job) => job.status === 'running');
    await e.jobs.start();
    await running;
    const removed: string[][] = [];
    const updates: string[] = [];
    e.jobs.onRemoved((event) => removed.push(event.ids));
    e.jobs.onUpdate((job) => updates.push(`${job.id} ${job.status}`));

    await e.jobs.remove({ ids });
    expect(removed).toEqual([ids]);
    expect(await e.jobs.list()).toEqual([]);
    // Settled (its clean-up done), however slow a loaded machine is to stop it.
    expect(await eventually(() => e.queue.activeCount === 0, 30_000)).toBe(true);
    expect(await eventually(() => processesMentioning(dir).length === 0)).toBe(true);
    expect(tempLeftovers(out)).toEqual([]);
    expect(existsSync(path.join(out, 'a.mp4'))).toBe(false);
    expect(updates).toEqual([]);
  });

  it('dispose with jobs running cancels them and leaves no process or temp file', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    engine = await testEngine({ overrides: { concurrency: 2 } });
    const clips = [slowClip(dir, 'a.mkv'), slowClip(dir, 'b.mkv')];
    const { ids } = await engine.jobs.add({ paths: clips, outDir: out, presetId: 'h264-mp4' });
    const running = ids.map((id) =>
      nextUpdate(engine as Engine, id, (x) => x.status === 'running'),
    );
    await engine.jobs.start();
    await Promise.all(running);
    await engine.dispose();
    const jobs = await engine.jobs.list();
    expect(jobs.map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(processesMentioning(dir)).toEqual([]);
    expect(tempLeftovers(out)).toEqual([]);
    expect(existsSync(path.join(out, 'a.mp4'))).toBe(false);
  });
});
