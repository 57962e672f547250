import path from 'node:path';
import { batchRuns, speedUp } from '../lib/batch.mjs';
import { copies, makeClip } from '../lib/media.mjs';

// 3. A batch of 100 two-second clips: Framewright (one convert call with the folder,
// default concurrency) against the same per-file ffmpeg commands run by a sequential
// shell loop and by `xargs -P2`.

const COUNT = 100;
const REPS = 2;

export default async function batch({ work, log }) {
  const source = await makeClip(path.join(work, 'source.mp4'), { seconds: 2, size: '160x120' });
  const folder = path.join(work, 'clips');
  copies(source, folder, COUNT);
  log(`  ${COUNT} clips of 2 s 160x120; ${REPS} repetitions of each contender`);
  const { runs } = await batchRuns({
    work,
    folder,
    preset: 'h264-mp4',
    reps: REPS,
    sequential: true,
  });
  return {
    id: 'batch',
    title: `3. Batch of ${COUNT} two-second clips: Framewright vs a sequential loop and xargs -P2`,
    goal: '≥ 1.6× faster than the sequential loop; ≥ 0.75× xargs -P2',
    metrics: [
      ...speedUp('speed-up over the sequential ffmpeg loop', runs, 'sequential', 1.6),
      ...speedUp('speed-up over xargs -P2 (same commands)', runs, 'xargsP2', 0.75),
    ],
    runs,
  };
}
