import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { makeClip, sha256, tempDir, tempLeftovers } from './helpers/media';
import { processesMentioning } from './helpers/processes';

// zzuf-mutated variants of generated clips through probe and convert, with fixed seeds
// (the 1,000-file soak lives in bench/). Nothing may hang past the watchdog, crash the
// worker, leave a process or a temp file, or fail without a sentence.

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function mutate(source: string, seed: number, ratio: number, out: string): string {
  writeFileSync(
    out,
    execFileSync('zzuf', ['-s', String(seed), '-r', String(ratio)], {
      input: readFileSync(source),
      maxBuffer: 64 << 20,
    }),
  );
  return out;
}

describe('fuzzed inputs', () => {
  it('every mutated clip ends done or failed with a sentence; nothing hangs or lingers', async () => {
    const dir = tempDir();
    const bases = path.join(dir, 'bases');
    const input = path.join(dir, 'in');
    mkdirSync(bases);
    mkdirSync(input);
    const mp4 = makeClip(path.join(bases, 'a.mp4'), { seconds: 1 });
    const mkv = makeClip(path.join(bases, 'b.mkv'), {
      seconds: 1,
      codec: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'],
    });
    const files = SEEDS.flatMap((seed) => [
      mutate(mp4, seed, 0.004, path.join(input, `mp4-${seed}.mp4`)),
      mutate(mkv, seed, 0.01, path.join(input, `mkv-${seed}.mkv`)),
    ]);
    const hashes = files.map(sha256);
    const out = path.join(dir, 'out');

    const probe = await runCli(['probe', input, ...files, '--json']);
    expect([0, 1]).toContain(probe.code);

    const result = await runCli([
      'convert',
      input,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--stall-timeout',
      '15',
      '--json',
    ]);
    expect([0, 1]).toContain(result.code);
    const summary = JSON.parse(result.stdout) as {
      jobs: { status: string; error: string | null }[];
    };
    expect(summary.jobs).toHaveLength(files.length);
    for (const job of summary.jobs) {
      expect(['done', 'failed']).toContain(job.status);
      if (job.status === 'failed') expect(job.error).toMatch(/\w.*\./);
    }
    expect(result.stderr).not.toMatch(/worker stopped unexpectedly/);
    expect(files.map(sha256)).toEqual(hashes);
    expect(tempLeftovers(out)).toEqual([]);
    expect(processesMentioning(dir)).toEqual([]);
  });
});
