import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../main/engine/engine';
import { nextUpdate, settled } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';
import { eventually, processesMentioning } from './helpers/processes';
import { engineWithSpawnLog, type SpawnLog } from './helpers/spawn-log';

// Probe ahead: while a job runs, the next queued jobs are probed, each file once, and a
// queued job cancelled meanwhile has its probe aborted.

describe('probing the next jobs while one runs', () => {
  let engine: Engine;
  let dir: string;
  let log: SpawnLog;
  beforeAll(async () => {
    dir = tempDir();
    log = await engineWithSpawnLog(dir, { overrides: { concurrency: 1 } });
    engine = log.engine;
  });
  afterAll(() => engine.dispose());

  /** The programs started since the log held `from` lines: which, and on what file. */
  const started = (from: number): { program: string; file: string }[] =>
    log.argvs(from).map((argv) => ({
      program: argv.find((a) => /ffprobe$|ffmpeg$/.test(a))?.replace(/.*\//, '') ?? argv[0] ?? '',
      file: argv.find((a) => a.startsWith('file:') && !a.includes('.part.')) ?? '',
    }));
  const lines = (): number => log.count();

  it('probes the next job before the running one encodes, and each file once', async () => {
    const files = ['a', 'b', 'c'].map((name) =>
      makeClip(path.join(dir, `${name}.mp4`), { seconds: 1 }),
    );
    const before = lines();
    const { ids } = await engine.jobs.add({
      paths: files,
      outDir: path.join(dir, 'out'),
      presetId: 'h264-mp4',
    });
    await engine.jobs.start();
    const jobs = await settled(engine, ids);
    expect(jobs.map((job) => job.status)).toEqual(['done', 'done', 'done']);
    const runs = started(before).filter((s) => s.program === 'ffprobe' || s.program === 'ffmpeg');
    for (const file of files) {
      expect(runs.filter((r) => r.program === 'ffprobe' && r.file === `file:${file}`)).toHaveLength(
        1,
      );
    }
    // One job at a time, yet the second file's probe started before the first file's encode.
    const probeOfB = runs.findIndex(
      (r) => r.program === 'ffprobe' && r.file === `file:${files[1]}`,
    );
    const encodeOfA = runs.findIndex(
      (r) => r.program === 'ffmpeg' && r.file === `file:${files[0]}`,
    );
    expect(probeOfB).toBeGreaterThanOrEqual(0);
    expect(probeOfB).toBeLessThan(encodeOfA);
    // After the first encode, nothing but the probes and encodes starts: no version or
    // sandbox check again, no mkfifo per job (FIFOs are made ahead, many per start).
    const all = started(before);
    const firstEncode = all.findIndex((r) => r.program === 'ffmpeg');
    const others = all.slice(firstEncode).filter((r) => !['ffprobe', 'ffmpeg'].includes(r.program));
    expect(others).toEqual([]);
  });

  it('aborts the probe of a queued job that is cancelled, leaving no process', async () => {
    await engine.jobs.pause();
    // FIFOs as sources: their probes wait for a writer that never comes.
    const [running, queued] = ['running', 'queued'].map((name) => {
      const fifo = path.join(dir, `${name}.mp4`);
      execFileSync('mkfifo', [fifo]);
      return fifo;
    });
    const { ids } = await engine.jobs.add({
      paths: [running ?? '', queued ?? ''],
      outDir: path.join(dir, 'out'),
      presetId: 'h264-mp4',
    });
    const [first = '', second = ''] = ids;
    const probing = nextUpdate(engine, first, (job) => job.status === 'probing');
    await engine.jobs.start();
    await probing;
    expect(await eventually(() => processesMentioning(queued ?? '').length > 0)).toBe(true);
    expect(engine.queue.get(second)?.status).toBe('queued');
    await engine.jobs.cancel({ ids: [second] });
    expect(await eventually(() => processesMentioning(queued ?? '').length === 0)).toBe(true);
    expect(engine.queue.get(second)?.status).toBe('cancelled');
    await engine.jobs.cancel({ ids: [first] });
    await settled(engine, [first]);
    expect(await eventually(() => processesMentioning(dir).length === 0)).toBe(true);
  });
});
