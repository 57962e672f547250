import { rmSync } from 'node:fs';
import path from 'node:path';
import { convert } from '../lib/framewright.mjs';
import { makeClip } from '../lib/media.mjs';
import { alternate, cpuRatio, round } from '../lib/measure.mjs';

// One file in parallel chunks (`--chunks 2`) against one pass (`--chunks off`), same preset,
// for x264, VP9 and SVT-AV1 at 720p and 1080p. Short grainy clips with a keyframe every
// second (chunks split at source keyframes), so the whole section stays within minutes.

// One repetition keeps the section near 2.5 minutes of CPU on 2 cores; more with the variable.
const REPS = Number(process.env.BENCH_CHUNKS_REPS ?? 1);
const CELLS = [
  { preset: 'h264-mp4', label: 'x264 medium' },
  { preset: 'vp9-webm', label: 'VP9 good, cpu-used 4' },
  { preset: 'av1-mkv', label: 'SVT-AV1 preset 8' },
];
const SIZES = [
  { name: '720p', size: '1280x720', seconds: 3 },
  { name: '1080p', size: '1920x1080', seconds: 2 },
];

export default async function chunks({ work, log }) {
  const metrics = [];
  const runs = {};
  for (const { name, size, seconds } of SIZES) {
    const clip = await makeClip(path.join(work, 'media', `${name}.mp4`), {
      seconds,
      size,
      filter: 'noise=alls=8:allf=t',
      format: ['-g', '25'],
    });
    for (const { preset, label } of CELLS) {
      const out = path.join(work, 'out');
      const run = (count) => () => convert([clip], out, ['--preset', preset, '--chunks', count]);
      const result = await alternate({ chunked: run('2'), single: run('off') }, REPS, {
        before: () => rmSync(out, { recursive: true, force: true }),
      });
      const speedup = round(result.single.medianMs / result.chunked.medianMs, 3);
      log(`  ${label} ${name}: one pass / 2 chunks = ${speedup}×`);
      runs[`${preset} ${name}`] = result;
      metrics.push(
        {
          name: `${label}, ${name} ${seconds} s: one pass wall / 2 chunks wall`,
          framewrightMs: result.chunked.medianMs,
          otherMs: result.single.medianMs,
          value: speedup,
          unit: '×',
          goal: 'informational (> 1: chunks pay)',
          met: null,
        },
        {
          name: `${label}, ${name}: 2 chunks CPU / one pass CPU`,
          framewrightMs: result.chunked.medianCpuMs,
          otherMs: result.single.medianCpuMs,
          value: cpuRatio(result, 'chunked', 'single'),
          unit: '×',
          goal: 'informational',
          met: null,
        },
      );
    }
  }
  return {
    id: 'chunks',
    title: 'One file in 2 parallel chunks vs one pass (x264, VP9, SVT-AV1; 720p and 1080p)',
    goal: 'report the speed-up; encoders that already use every core gain little on 2 cores',
    metrics,
    runs,
  };
}
