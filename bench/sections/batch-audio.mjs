import path from 'node:path';
import { batchRuns, speedUp } from '../lib/batch.mjs';
import { copies, makeWav } from '../lib/media.mjs';

// 10. An audio library: 100 thirty-second WAV files (16-bit stereo 48 kHz) to Opus,
// against xargs -P2 over the same commands.

const COUNT = 100;
const REPS = 2;

export default async function batchAudio({ work, log }) {
  const source = await makeWav(path.join(work, 'source.wav'), 30);
  const folder = path.join(work, 'tracks');
  copies(source, folder, COUNT, 'track');
  log(`  ${COUNT} WAV files of 30 s; ${REPS} repetitions of each contender`);
  const { runs } = await batchRuns({ work, folder, preset: 'opus', reps: REPS });
  return {
    id: 'batch-audio',
    title: `10. Audio library, ${COUNT} thirty-second WAV files to Opus: Framewright vs xargs -P2`,
    goal: '≥ 0.9× xargs -P2',
    metrics: speedUp('speed-up over xargs -P2 (same commands)', runs, 'xargsP2', 0.9),
    runs,
  };
}
