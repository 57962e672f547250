import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from './helpers/cli';
import { makeClip, sha256, tempDir, tempLeftovers } from './helpers/media';
import { eventually, processesInGroup, processesMentioning } from './helpers/processes';

// A clip long enough that the conversion is surely running when we interrupt it.
function slowClip(dir: string): string {
  return makeClip(path.join(dir, 'long.mkv'), {
    seconds: 20,
    size: '640x360',
    codec: ['-c:v', 'mpeg4', '-q:v', '5'],
  });
}

describe('Ctrl-C', () => {
  it.each([
    ['the CLI alone', (pid: number) => process.kill(pid, 'SIGINT')],
    ['the whole process group, as a terminal does', (pid: number) => process.kill(-pid, 'SIGINT')],
  ])(
    'sent to %s cancels cleanly: exit 130 within 3 s, no ffmpeg, no temp file',
    async (_name, interrupt) => {
      const dir = tempDir();
      const clip = slowClip(dir);
      const before = sha256(clip);
      const out = path.join(dir, 'out');
      const run = startCli([
        'convert',
        clip,
        '--preset',
        'hevc-mkv',
        '--out',
        out,
        '--events',
        'ndjson',
      ]);
      await run.waitForEvent((e) => e.type === 'progress');
      expect(processesMentioning(dir).some((p) => p.cmdline.includes('ffmpeg'))).toBe(true);

      const pid = run.child.pid ?? 0;
      const sent = performance.now();
      interrupt(pid);
      const result = await run.done;
      expect(performance.now() - sent).toBeLessThan(3000);
      expect(result.code).toBe(130);
      expect(
        await eventually(
          () => processesMentioning(dir).length === 0 && processesInGroup(pid).length === 0,
          3000,
        ),
      ).toBe(true);
      expect(tempLeftovers(out)).toEqual([]);
      expect(sha256(clip)).toBe(before);
    },
  );
});

describe('a FIFO with no writer', () => {
  it('fails after the stall timeout with a reason, leaving nothing running', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'stuck.mp4');
    execFileSync('mkfifo', [fifo]);
    const out = path.join(dir, 'out');
    const started = performance.now();
    const run = startCli([
      'convert',
      fifo,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--stall-timeout',
      '2',
      '--json',
    ]);
    const result = await run.done;
    const elapsed = performance.now() - started;
    expect(result.code).toBe(1);
    const job = (JSON.parse(result.stdout) as { jobs: { status: string; error: string }[] })
      .jobs[0];
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/no progress for 2 seconds/);
    expect(elapsed).toBeGreaterThan(1900);
    expect(elapsed).toBeLessThan(10_000);
    expect(processesMentioning(dir)).toEqual([]);
    expect(processesInGroup(run.child.pid ?? 0)).toEqual([]);
    expect(tempLeftovers(out)).toEqual([]);
  });
});
