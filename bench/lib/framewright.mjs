import path from 'node:path';
import { timed } from './measure.mjs';

// Framewright as a person runs it: the built command line, dist/cli.js.

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export function cli(args, options = {}) {
  return timed(process.execPath, [CLI, ...args], { cwd: ROOT, ...options });
}

/** `convert --json`: resolves to { ms, cpuMs, summary }; every job must be done. `options` go to spawn (env). */
export async function convert(paths, outDir, extra = [], options = {}) {
  const run = await cli(['convert', ...paths, '--out', outDir, '--json', ...extra], options);
  const summary = JSON.parse(run.stdout);
  const failed = summary.jobs.filter((j) => j.status !== 'done');
  if (failed.length > 0) throw new Error(`Framewright failed: ${JSON.stringify(failed[0])}`);
  return { ms: run.ms, cpuMs: run.cpuMs, summary };
}

/**
 * The exact ffmpeg commands Framewright would run (`convert --dry-run --json`); they run
 * as printed (without Framewright's reader, `-vstats_file` writes a plain file).
 */
export async function plannedCommands(paths, outDir, extra = []) {
  const run = await cli(['convert', ...paths, '--out', outDir, '--dry-run', '--json', ...extra]);
  const { plans } = JSON.parse(run.stdout);
  return plans.map((plan) => {
    if (plan.error) throw new Error(`No plan for ${plan.input}: ${plan.error}`);
    return plan.commands;
  });
}
