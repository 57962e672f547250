import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../main/engine/engine';
import { settled } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';
import { engineWithSpawnLog, type SpawnLog } from './helpers/spawn-log';

// One probe per file: a job whose file was probed before it ran (the Inspector's probe)
// starts no ffprobe of its own, unless the file changed since.

describe('a probe taken before the run serves the run', () => {
  let engine: Engine;
  let dir: string;
  let log: SpawnLog;
  beforeAll(async () => {
    dir = tempDir();
    log = await engineWithSpawnLog(dir, { cacheDir: path.join(dir, 'cache') });
    engine = log.engine;
  });
  afterAll(() => engine.dispose());

  /** How many ffprobe runs read `file` since the log held `from` lines. */
  const probesOf = (file: string, from = 0): number =>
    log
      .argvs(from)
      .filter((argv) => argv.some((a) => a.endsWith('ffprobe')) && argv.includes(`file:${file}`))
      .length;
  const lines = (): number => log.count();

  it('starts exactly one ffprobe less for a file probed when it was inspected', async () => {
    const inspected = makeClip(path.join(dir, 'inspected.mp4'), { seconds: 2 });
    const plain = makeClip(path.join(dir, 'plain.mp4'), { seconds: 2 });
    const { ids } = await engine.jobs.add({
      paths: [inspected, plain],
      outDir: path.join(dir, 'out'),
      presetId: 'h264-mp4',
    });
    const probe = await engine.jobs.inspect({ id: ids[0] ?? '' });
    expect(probe.ok).toBe(true);
    const before = lines();
    await engine.jobs.start();
    const jobs = await settled(engine, ids);
    expect(jobs.map((job) => job.status)).toEqual(['done', 'done']);
    expect(probesOf(plain, before)).toBeGreaterThan(0);
    expect(probesOf(inspected, before)).toBe(probesOf(plain, before) - 1);
  });

  it('probes a file again at run time when it changed after its probe', async () => {
    await engine.jobs.pause();
    const file = makeClip(path.join(dir, 'changed.mp4'), { seconds: 2 });
    const { ids } = await engine.jobs.add({
      paths: [file],
      outDir: path.join(dir, 'out'),
      presetId: 'h264-mp4',
    });
    const id = ids[0] ?? '';
    const first = await engine.jobs.inspect({ id });
    expect(first.ok && first.info.streams[0]?.width).toBe(160);
    makeClip(file, { seconds: 2, size: '128x96' });
    const before = lines();
    await engine.jobs.start();
    const [job] = await settled(engine, [id]);
    expect(job?.status).toBe('done');
    expect(probesOf(file, before)).toBeGreaterThan(0);
    expect(engine.queue.probeOf(id)?.streams[0]?.width).toBe(128);
  });

  it('the Inspector probes a file again when it changed after its probe', async () => {
    await engine.jobs.pause();
    const file = makeClip(path.join(dir, 'edited.mp4'), { seconds: 2 });
    const { ids } = await engine.jobs.add({ paths: [file], outDir: path.join(dir, 'out') });
    const id = ids[0] ?? '';
    const first = await engine.jobs.inspect({ id });
    expect(first.ok && first.info.streams[0]?.width).toBe(160);
    makeClip(file, { seconds: 2, size: '128x96' });
    const second = await engine.jobs.inspect({ id });
    expect(second.ok && second.info.streams[0]?.width).toBe(128);
  });
});
