import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../lib/framewright.mjs';
import { copies, makeClip } from '../lib/media.mjs';
import { alternate, median, round } from '../lib/measure.mjs';

// 4. Probe throughput (`probe --json` over N small files, whole command timed) and the
// hardware matrix (`hw --json`) cold (fresh XDG_CACHE_HOME) and cached.

const FILES = 100;
const REPS = 3;
const GOAL_FILES_PER_SECOND = 40;

export default async function probeAndHardware({ work, log }) {
  const source = await makeClip(path.join(work, 'source.mp4'), { seconds: 1, size: '160x120' });
  const files = copies(source, path.join(work, 'files'), FILES);
  const probe = await alternate(
    {
      probe: async () => {
        const run = await cli(['probe', ...files, '--json']);
        const outcomes = JSON.parse(run.stdout);
        if (outcomes.some((o) => !o.ok)) throw new Error('A probe failed.');
        return run.ms;
      },
    },
    REPS,
  );
  const perSecond = round(FILES / (probe.probe.medianMs / 1000));
  log(`  probe: ${perSecond} files/s`);

  // Cold then cached within each repetition (the order is the point here): a fresh
  // cache folder, then the same folder asked again.
  const hwRuns = { cold: [], cached: [] };
  for (let rep = 0; rep < REPS; rep++) {
    const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(path.join(work, 'cache-')) };
    for (const kind of ['cold', 'cached']) {
      const run = await cli(['hw', '--json'], { env });
      if (JSON.parse(run.stdout).fromCache !== (kind === 'cached'))
        throw new Error(`The ${kind} matrix was not ${kind}.`);
      hwRuns[kind].push(round(run.ms));
    }
    rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
  }
  const hw = {
    cold: { runs: hwRuns.cold, medianMs: round(median(hwRuns.cold)) },
    cached: { runs: hwRuns.cached, medianMs: round(median(hwRuns.cached)) },
  };
  log(`  hw: cold ${hw.cold.medianMs} ms, cached ${hw.cached.medianMs} ms`);
  return {
    id: 'probe-hw',
    title: '4. Probe throughput and hardware-matrix time',
    goal: `probe ≥ ${GOAL_FILES_PER_SECOND} files/s; matrix within a few seconds cold, fast from cache`,
    metrics: [
      {
        name: `probe --json over ${FILES} files (whole command, ${probe.probe.medianMs} ms)`,
        value: perSecond,
        unit: 'files/s',
        goal: `≥ ${GOAL_FILES_PER_SECOND}`,
        met: perSecond >= GOAL_FILES_PER_SECOND,
      },
      {
        name: 'hw --json cold (fresh XDG_CACHE_HOME)',
        value: hw.cold.medianMs,
        unit: 'ms',
        goal: '≤ 5000',
        met: hw.cold.medianMs <= 5000,
      },
      {
        name: 'hw --json cached',
        value: hw.cached.medianMs,
        unit: 'ms',
        goal: 'informational',
        met: null,
      },
    ],
    runs: { probe, hw },
  };
}
