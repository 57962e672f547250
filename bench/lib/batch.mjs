import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { convert, plannedCommands } from './framewright.mjs';
import { alternate, cpuRatio, round, timedShell } from './measure.mjs';

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
    framewright: () => convert([folder], fwOut, ['--preset', preset]),
    ...(sequential && {
      sequential: () => timedShell(`bash ${quote(script)} > /dev/null`),
    }),
    xargsP2: () => timedShell(`xargs -P2 -d '\\n' -n1 bash -c < ${quote(script)} > /dev/null`),
  };
  const runs = await alternate(contenders, reps, {
    before: () => rmSync(fwOut, { recursive: true, force: true }),
  });
  return { count: plans.length, runs };
}

/**
 * Speed-up metrics: the other contender's median wall time over Framewright's, and the
 * same for CPU time (user + system of the whole process tree), which a loaded machine
 * does not skew (informational; null where CPU time is not measurable).
 */
export function speedUp(name, runs, other, goal) {
  const fw = runs.framewright.medianMs;
  const value = round(runs[other].medianMs / fw, 3);
  const cpu = cpuRatio(runs, other, 'framewright');
  return [
    {
      name,
      framewrightMs: fw,
      otherMs: runs[other].medianMs,
      value,
      unit: '×',
      goal: `≥ ${goal}`,
      met: value >= goal,
    },
    {
      name: `${name}, CPU time`,
      framewrightMs: runs.framewright.medianCpuMs,
      otherMs: runs[other].medianCpuMs,
      value: cpu,
      unit: '×',
      goal: 'informational (wall goal above)',
      met: null,
    },
  ];
}
