import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OnExists } from '../app/jobs/job';
import type { Engine } from '../main/engine/engine';
import { settled, testEngine } from './helpers/engine';
import { makeClip, tempDir, tempLeftovers } from './helpers/media';

// Cancel against the commit (the rename or link to the final name). The commit is the
// point of no return: a cancel before it keeps the old file, one after it keeps the new
// one and the job ends done. Under every policy exactly one of the two survives.

const OLD = 'the file that was there before';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

/** A clip to convert and an output folder already holding `a.mp4`. */
async function setUp(): Promise<{ e: Engine; clip: string; out: string; existing: string }> {
  const dir = tempDir();
  const out = path.join(dir, 'out');
  mkdirSync(out);
  const existing = path.join(out, 'a.mp4');
  writeFileSync(existing, OLD);
  engine = await testEngine();
  return { e: engine, clip: makeClip(path.join(dir, 'a.mov')), out, existing };
}

describe('cancel racing the commit', () => {
  it('overwrite: a cancel as finalizing starts keeps the old file and leaves no temp', async () => {
    const { e, clip, out, existing } = await setUp();
    const { ids } = await e.jobs.add({
      paths: [clip],
      outDir: out,
      presetId: 'h264-mp4',
      onExists: 'overwrite',
    });
    const id = ids[0] ?? '';
    e.jobs.onUpdate((job) => {
      if (job.id === id && job.status === 'finalizing') void e.jobs.cancel({ ids: [id] });
    });
    await e.jobs.start();
    const [job] = await settled(e, [id]);
    expect(job?.status).toBe('cancelled');
    expect(readFileSync(existing, 'utf8')).toBe(OLD);
    expect(tempLeftovers(out)).toEqual([]);
  });

  it.each<[OnExists, string]>([
    ['overwrite', 'a.mp4'],
    ['rename', 'a (1).mp4'],
  ])(
    '%s: a cancel sent when the final name appears leaves exactly one of old and new',
    async (onExists, finalName) => {
      const { e, clip, out, existing } = await setUp();
      const { ids } = await e.jobs.add({
        paths: [clip],
        outDir: out,
        presetId: 'h264-mp4',
        onExists,
      });
      const id = ids[0] ?? '';
      const watcher = watch(out, (_event, name) => {
        if (name === finalName) void e.jobs.cancel({ ids: [id] });
      });
      try {
        await e.jobs.start();
        const [job] = await settled(e, [id]);
        const final = path.join(out, finalName);
        if (job?.status === 'done') {
          expect(job.output).toBe(final);
          expect(readFileSync(final).length).toBe(job.outputBytes);
          if (onExists === 'rename') expect(readFileSync(existing, 'utf8')).toBe(OLD);
        } else {
          expect(job?.status).toBe('cancelled');
          expect(readFileSync(existing, 'utf8')).toBe(OLD);
          if (onExists === 'rename') expect(existsSync(final)).toBe(false);
        }
        expect(tempLeftovers(out)).toEqual([]);
      } finally {
        watcher.close();
      }
    },
  );
});
