import { rmSync } from 'node:fs';
import path from 'node:path';
import { convert } from '../lib/framewright.mjs';
import { makeResolutionChanging } from '../lib/media.mjs';
import { alternate, round } from '../lib/measure.mjs';

// 6. Segment-parallel `reinit` (scan, encode each part at its own size in parallel,
// join) against a single-pass encode of the same file (`stretch`), same preset.

const PART_SECONDS = 4;
const REPS = 3;

export default async function reinit({ work, log }) {
  const media = await makeResolutionChanging(path.join(work, 'media'), PART_SECONDS);
  log(`  ${media.seconds} s in three sizes: ${media.sizes.join(', ')}`);
  const out = path.join(work, 'out');
  const run = (policy) => async () =>
    (await convert([media.file], out, ['--preset', 'h264-mp4', '--resolution-policy', policy])).ms;
  const result = await alternate({ reinit: run('reinit'), stretch: run('stretch') }, REPS, {
    before: () => rmSync(out, { recursive: true, force: true }),
  });
  const ratio = round(result.reinit.medianMs / result.stretch.medianMs, 3);
  return {
    id: 'reinit',
    title: '6. Segment-parallel reinit vs single-pass encode of a resolution-changing file',
    goal: 'report the ratio (reinit wall / single-pass wall); on 2 cores x264 already uses both, so parity is the hope',
    metrics: [
      {
        name: `reinit / single pass wall (${media.seconds} s, sizes ${media.sizes.join(' → ')})`,
        framewrightMs: result.reinit.medianMs,
        otherMs: result.stretch.medianMs,
        value: ratio,
        unit: '×',
        goal: 'informational (≤ 1.10 hoped)',
        met: null,
      },
    ],
    runs: result,
  };
}
