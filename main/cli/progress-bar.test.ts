import { describe, expect, it } from 'vitest';
import { newJob } from '../../app/jobs/added';
import type { Progress } from '../../app/jobs/progress';
import { progressBar } from './progress-bar';

const job = (input: string) =>
  newJob(
    input,
    { input, presetId: 'h264-mp4', outDir: '/out', onExists: 'rename', resolutionPolicy: 'auto' },
    0,
  );
const at = (percent: number | null, speed: number | null, etaSec: number | null): Progress => ({
  percent,
  stepIndex: 0,
  stepCount: 1,
  frame: 0,
  fps: 0,
  speed,
  outTimeSec: 0,
  totalSizeBytes: 0,
  etaSec,
});

describe('progressBar', () => {
  it('fills by the whole run: finished jobs and the running ones’ percent', () => {
    const running = [
      { job: job('/in/a.mkv'), progress: at(50, 2, 9) },
      { job: job('/in/b.mkv'), progress: null },
    ];
    expect(progressBar(1, 4, running, 200)).toBe(
      `[1/4] ${'█'.repeat(8)}${'░'.repeat(12)}  37%  a.mkv 50% 2.0x ETA 0:09 | b.mkv …`,
    );
    expect(progressBar(4, 4, [], 200)).toBe(`[4/4] ${'█'.repeat(20)} 100%`);
  });

  it('fits the terminal width', () => {
    const line = progressBar(
      0,
      1,
      [{ job: job('/in/a-long-name.mkv'), progress: at(5, 1, 60) }],
      30,
    );
    expect(line).toHaveLength(30);
    expect(line.endsWith('…')).toBe(true);
  });
});
