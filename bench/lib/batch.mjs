import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { convert, plannedCommands } from './framewright.mjs';
import { alternate, round, timedShell } from './measure.mjs';

// A folder converted by one `convert` call (default concurrency) against the exact
// per-file ffmpeg commands of `convert --dry-run --json`, run by `xargs -P2` and
// optionally by a sequential shell loop. Contenders alternate; medians of `reps`.

/** Quotes one argument for bash. */
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

export async function batchRuns({ work, folder, preset, reps, sequential = false }) {
  const fwOut = path.join(work, 'fw');
  const rawOut = path.join(work, 'raw');
  mkdirSync(rawOut, { recursive: true });
  const plans = await plannedCommands([folder], rawOut, ['--preset', preset]);
  const script = path.join(work, 'commands.sh');
  writeFileSync(script, plans.map(([command]) => `${command.map(quote).join(' ')}\n`).join(''));
  const contenders = {
    framewright: async () => (await convert([folder], fwOut, ['--preset', preset])).ms,
    ...(sequential && {
      sequential: async () => (await timedShell(`bash ${quote(script)} > /dev/null`)).ms,
    }),
    xargsP2: async () =>
      (await timedShell(`xargs -P2 -d '\\n' -n1 bash -c < ${quote(script)} > /dev/null`)).ms,
  };
  const runs = await alternate(contenders, reps, {
    before: () => rmSync(fwOut, { recursive: true, force: true }),
  });
  return { count: plans.length, runs };
}

/** A speed-up metric: the other contender's median time over Framewright's. */
export function speedUp(name, runs, other, goal) {
  const fw = runs.framewright.medianMs;
  const value = round(runs[other].medianMs / fw, 3);
  return {
    name,
    framewrightMs: fw,
    otherMs: runs[other].medianMs,
    value,
    unit: '×',
    goal: `≥ ${goal}`,
    met: value >= goal,
  };
}
