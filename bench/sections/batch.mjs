import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { convert, plannedCommands } from '../lib/framewright.mjs';
import { copies, makeClip } from '../lib/media.mjs';
import { alternate, round, timedShell } from '../lib/measure.mjs';

// 3. A batch of 100 two-second clips: Framewright (one convert call with the folder,
// default concurrency) against the same per-file ffmpeg commands run by a sequential
// shell loop and by `xargs -P2`.

const COUNT = 100;
const REPS = 3;

/** Quotes one argument for bash. */
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

export default async function batch({ work, log }) {
  const source = await makeClip(path.join(work, 'source.mp4'), { seconds: 2, size: '160x120' });
  const folder = path.join(work, 'clips');
  copies(source, folder, COUNT);
  const fwOut = path.join(work, 'fw');
  const rawOut = path.join(work, 'raw');
  mkdirSync(rawOut, { recursive: true });
  const plans = await plannedCommands([folder], rawOut, ['--preset', 'h264-mp4']);
  const script = path.join(work, 'commands.sh');
  writeFileSync(script, plans.map(([command]) => `${command.map(quote).join(' ')}\n`).join(''));
  log(`  ${plans.length} clips of 2 s 160x120; ${REPS} repetitions of each contender`);

  const result = await alternate(
    {
      framewright: async () => (await convert([folder], fwOut, ['--preset', 'h264-mp4'])).ms,
      sequential: async () => (await timedShell(`bash ${quote(script)} > /dev/null`)).ms,
      xargsP2: async () =>
        (await timedShell(`xargs -P2 -d '\\n' -n1 bash -c < ${quote(script)} > /dev/null`)).ms,
    },
    REPS,
    { before: () => rmSync(fwOut, { recursive: true, force: true }) },
  );
  const fw = result.framewright.medianMs;
  const vsSequential = round(result.sequential.medianMs / fw, 3);
  const vsXargs = round(result.xargsP2.medianMs / fw, 3);
  return {
    id: 'batch',
    title: `3. Batch of ${COUNT} two-second clips: Framewright vs a sequential loop and xargs -P2`,
    goal: '≥ 1.6× faster than the sequential loop; no slower than xargs -P2',
    metrics: [
      {
        name: 'speed-up over the sequential ffmpeg loop',
        framewrightMs: fw,
        otherMs: result.sequential.medianMs,
        value: vsSequential,
        unit: '×',
        goal: '≥ 1.6',
        met: vsSequential >= 1.6,
      },
      {
        name: 'speed-up over xargs -P2 (same commands)',
        framewrightMs: fw,
        otherMs: result.xargsP2.medianMs,
        value: vsXargs,
        unit: '×',
        goal: '≥ 1.0',
        met: vsXargs >= 1.0,
      },
    ],
    runs: result,
  };
}
