import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, type ConvertSummary } from './helpers/cli';
import { makeClip, tempDir, tempLeftovers } from './helpers/media';

// A source cut short (an interrupted download) still converts with ffmpeg's exit 0; the
// job must say so, or fail under --strict.

const SENTENCE = 'The source is incomplete: converted 0:02 of 0:04.';

/** A 4 s faststart MP4 (its index declares 4 s up front) and its first half. */
function clips(dir: string): { full: string; half: string } {
  const full = makeClip(path.join(dir, 'full.mp4'), {
    seconds: 4,
    codec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+faststart'],
  });
  const bytes = readFileSync(full);
  const half = path.join(dir, 'half.mp4');
  writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return { full, half };
}

const convert = (inputs: string[], out: string, ...options: string[]): string[] => [
  'convert',
  ...inputs,
  '--preset',
  'h264-mp4',
  '--out',
  out,
  ...options,
];

describe('a source that ends early', () => {
  const dir = tempDir('fw-incomplete-');
  const { full, half } = clips(dir);

  it('is done with a warning in --json; a complete clip gets none', async () => {
    const out = path.join(dir, 'out-json');
    const result = await runCli(convert([full, half], out, '--json'));
    expect(result.code).toBe(0);
    const { jobs } = JSON.parse(result.stdout) as ConvertSummary;
    const byInput = new Map(jobs.map((j) => [j.input, j]));
    expect(byInput.get(half)).toMatchObject({ status: 'done', warnings: [SENTENCE] });
    expect(byInput.get(full)).toMatchObject({ status: 'done', warnings: [] });
    expect(readdirSync(out).sort()).toEqual(['full.mp4', 'half.mp4']);
  });

  it('carries the warning in the ndjson job events', async () => {
    const out = path.join(dir, 'out-ndjson');
    const run = startCli(convert([half], out, '--events', 'ndjson'));
    const event = await run.waitForEvent((e) => {
      const job = e.job as { status?: string } | undefined;
      return e.type === 'job' && job?.status === 'done';
    });
    expect((event.job as { warnings: string[] }).warnings).toEqual([SENTENCE]);
    expect((await run.done).code).toBe(0);
  });

  it('fails under --strict with the sentence and keeps no output', async () => {
    const out = path.join(dir, 'out-strict');
    const result = await runCli(convert([half], out, '--json', '--strict'));
    expect(result.code).toBe(1);
    const { jobs } = JSON.parse(result.stdout) as ConvertSummary;
    expect(jobs).toEqual([
      expect.objectContaining({ status: 'failed', error: SENTENCE, output: null }),
    ]);
    expect(readdirSync(out)).toEqual([]);
    expect(tempLeftovers(out)).toEqual([]);
  });
});
