import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { probeArgs } from '../../app/ffmpeg/safety';
import type { Plan } from '../../app/jobs/plan';
import type { Analysis, JobSettings } from '../../app/jobs/settings';
import { FfprobeOutputSchema, type MediaInfo } from '../../app/media/model';
import { planJob } from '../../app/plan/plan-job';
import { loadBuiltInPresets, mediaInfoOf } from '../fixtures/fixtures';

// Probe a file as the worker does, and run a plan's steps with ffmpeg directly (argument
// arrays, no engine): what the planner's argv really does.

const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? 'ffprobe';

function run(program: string, args: readonly string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')}\n${result.stderr}`);
  return result.stdout;
}

/** The MediaInfo the worker's probe gives for `file`. */
export function probeInfo(file: string): MediaInfo {
  const output = FfprobeOutputSchema.parse(JSON.parse(run(FFPROBE, probeArgs(file))));
  return mediaInfoOf(output, file);
}

/** Writes the plan's files and runs its steps in order; throws with ffmpeg's errors. */
export function runPlan(plan: Plan): void {
  for (const dir of plan.workDirs) mkdirSync(dir, { recursive: true });
  for (const { path, content } of plan.files) writeFileSync(path, content);
  for (const step of plan.steps) run(step.program === 'ffmpeg' ? FFMPEG : FFPROBE, step.args);
}

const presets = new Map(loadBuiltInPresets().map((p) => [p.id, p]));

/** Plans `source` with a built-in preset and job settings, writing `output`, and runs it. */
export function convertWith(
  source: string,
  presetId: string,
  settings: JobSettings,
  output: string,
  analysis: Analysis | null = null,
): Plan {
  const preset = presets.get(presetId);
  if (preset === undefined) throw new Error(`no preset ${presetId}`);
  const plan = planJob({
    info: probeInfo(source),
    preset,
    hardware: null,
    policy: 'auto',
    output: { final: output, temp: output },
    stats: null,
    settings,
    analysis,
  });
  runPlan(plan);
  return plan;
}
