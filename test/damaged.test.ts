import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodes, makeDamagedCorpus, plainFfmpegConverts } from '../bench/lib/damaged.mjs';
import { runCli, type ConvertSummary } from './helpers/cli';
import { sha256, tempDir, tempLeftovers } from './helpers/media';

// What plain `ffmpeg -i F -c:v libx264 -c:a aac out.mp4` converts, Framewright converts
// too: a zzuf-damaged corpus (the bench runs the same corpus with 30 seeds). Seeds 4 and 6
// give transport streams whose program table lists phantom audio tracks (sample rate 0),
// which sank the whole file when every probed stream was mapped.

const SEEDS = [2, 4, 6, 8];

describe('damaged inputs', () => {
  it('every file plain ffmpeg converts is done and decodes; every failure has a sentence', async () => {
    const dir = tempDir();
    const files = await makeDamagedCorpus(dir, { seeds: SEEDS });
    const hashes = files.map(sha256);
    const reference = new Map<string, boolean>();
    for (const file of files)
      reference.set(file, await plainFfmpegConverts(file, path.join(dir, 'plain')));
    const out = path.join(dir, 'out');

    const result = await runCli([
      'convert',
      ...files,
      ...['--preset', 'h264-mp4', '--out', out, '--stall-timeout', '15', '--json'],
    ]);
    const { jobs } = JSON.parse(result.stdout) as ConvertSummary;
    expect(jobs).toHaveLength(files.length);
    const missed: string[] = [];
    for (const job of jobs) {
      if (job.status === 'failed') expect(job.error).toMatch(/\w.*\./);
      if (!reference.get(job.input)) continue;
      const ok = job.status === 'done' && job.output !== null && (await decodes(job.output));
      if (!ok) missed.push(`${path.basename(job.input)}: ${job.error ?? job.status}`);
    }
    expect(missed).toEqual([]);
    expect([...reference.values()].filter(Boolean).length).toBeGreaterThanOrEqual(4);
    // The corpus holds the case this is about: phantom tracks left out, each named.
    const leftOut = jobs.flatMap((job) => job.warnings.filter((w) => /was left out/.test(w)));
    expect(leftOut.length).toBeGreaterThan(0);
    expect(files.map(sha256)).toEqual(hashes);
    expect(tempLeftovers(out)).toEqual([]);
  });
});
