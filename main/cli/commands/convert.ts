import type { Job } from '../../../app/jobs/job';
import type { Analysis, JobSettings } from '../../../app/jobs/settings';
import type { MediaInfo } from '../../../app/media/model';
import type { VideoSettings } from '../../../app/presets/schema';
import { isTerminal } from '../../../app/jobs/state';
import type { Engine } from '../../engine/engine';
import { analyzeSource } from '../../engine/analyze';
import { expandPaths } from '../../engine/expand';
import { needsAnalysis } from '../../engine/services/analysis';
import { WorkerSupervisor } from '../../engine/supervisor';
import { forkLauncher } from '../../engine/worker-port';
import { workerPath } from '../paths';
import { decideJobOutput } from '../../engine/output';
import { chooseChunks, chooseEncoder, decoderOnHost, planOnHost } from '../../engine/host-plan';
import { chunkCalibration } from '../../engine/chunk-calibration';
import { defaultOutDir } from '../../../platform/folders';
import { shellQuote } from '../format';
import { RunOutput, emit } from '../run-output';

export interface ConvertOptions {
  paths: string[];
  presetId: string;
  /** Absent with --beside-source: the engine's default folder then goes unused. */
  outDir?: string | undefined;
  /** What the job flags change from the preset; absent when none is given. */
  settings?: JobSettings | undefined;
  dryRun: boolean;
  ndjson: boolean;
  json: boolean;
  /** Print FFmpeg's log of each failed job (stderr). */
  verbose?: boolean;
}

type Skipped = Awaited<ReturnType<typeof expandPaths>>['skipped'][number];
type DryRunPlan =
  | { input: string; error: string }
  | {
      input: string;
      output: string;
      command?: string[];
      commands: string[][];
      warnings: string[];
    };

/**
 * Prints the commands a run would start, exactly (inputs are still probed): the same
 * planner, hardware choice, resolution policy, job settings and output naming and
 * folder as the run. Only the random part of the temporary output name differs.
 */
export async function planDryRun(
  engine: Engine,
  options: Pick<ConvertOptions, 'paths' | 'presetId' | 'outDir' | 'settings'>,
  /** The source's analysis, asked only when a setting says `auto` (crop, deinterlace). */
  analyze?: (info: MediaInfo) => Promise<Analysis>,
  /** `--chunks auto` as measured on this machine (chunk-calibration.ts); absent: one pass. */
  bestChunks: (video: VideoSettings) => Promise<number> = () => Promise.resolve(1),
): Promise<{ plans: DryRunPlan[]; skipped: Skipped[] }> {
  const preset = engine.presetStore.require(options.presetId);
  const settings = await engine.settings.get();
  const outDir = options.outDir ?? (settings.outDir || defaultOutDir());
  const { files, skipped, roots } = await expandPaths(options.paths);
  const outcomes = files.length > 0 ? await engine.media.probe({ paths: files }) : [];
  const encoder = await chooseEncoder(preset, {
    tested: () => engine.hardware.inspect({ refresh: false }),
    saved: () => engine.hardware.saved(),
  });
  const plans: DryRunPlan[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      plans.push({ input: outcome.path, error: outcome.error });
      continue;
    }
    const notes = encoder.note === null ? [] : [encoder.note];
    let analysis: Analysis | null = null;
    if (analyze !== undefined && needsAnalysis(options.settings))
      analysis = await analyze(outcome.info).catch((error: unknown) => {
        notes.push(
          `The automatic crop and deinterlace are left out: the source could not be analysed (${(error as Error).message}).`,
        );
        return null;
      });
    const spec = {
      input: outcome.path,
      outDir,
      settings: options.settings,
      sourceRoot: roots.get(outcome.path),
    };
    const decision = await decideJobOutput(spec, preset, outcome.info, analysis, settings.onExists);
    if (decision.kind === 'skip') {
      const why = `Skipped: ${decision.final} already exists (on-exists policy "skip").`;
      plans.push({ input: outcome.path, output: decision.final, commands: [], warnings: [why] });
      continue;
    }
    const decoder = decoderOnHost(preset, outcome.info, options.settings, encoder);
    const chunks = await chooseChunks(
      preset,
      options.settings,
      outcome.info,
      encoder.hw,
      bestChunks,
    );
    const plan = planOnHost({
      info: outcome.info,
      preset,
      hardware: encoder.hw,
      policy: settings.resolutionPolicy,
      output: decision,
      settings: options.settings,
      analysis,
      decoder,
      chunks,
    });
    const commands = plan.steps.map((step) => [step.program, ...step.args]);
    plans.push({
      input: outcome.path,
      output: decision.final,
      ...(commands.length === 1 ? { command: commands[0] } : {}),
      commands,
      warnings: [...plan.warnings, ...notes],
    });
  }
  return { plans, skipped };
}

/** Prints what `planDryRun` found: JSON, or one shell-quoted command per line. */
export async function dryRun(engine: Engine, options: ConvertOptions): Promise<number> {
  // The run analyses the source for `auto` settings: so does the dry run, in its own worker.
  const supervisor =
    needsAnalysis(options.settings) || options.settings?.chunks === 'auto'
      ? new WorkerSupervisor(forkLauncher(workerPath))
      : null;
  const timeoutMs = (await engine.settings.get()).stallTimeoutSec * 1000;
  const { plans, skipped } = await planDryRun(
    engine,
    options,
    supervisor === null ? undefined : (info) => analyzeSource(supervisor, info, { timeoutMs }),
    supervisor === null ? undefined : (video) => chunkCalibration(supervisor).best(video),
  ).finally(() => supervisor?.stop());
  if (options.json || options.ndjson) {
    emit({ dryRun: true, plans, skipped });
  } else {
    for (const plan of plans) {
      if ('error' in plan) process.stdout.write(`# ${plan.input}: ${plan.error}\n`);
      else if (plan.commands.length === 0)
        process.stdout.write(`# ${plan.input}: ${plan.warnings.join(' ')}\n`);
      else
        for (const command of plan.commands)
          process.stdout.write(`${command.map(shellQuote).join(' ')}\n`);
    }
    for (const s of skipped) process.stderr.write(`Skipped ${s.path}: ${s.reason}\n`);
  }
  return plans.every((p) => !('error' in p)) ? 0 : 1;
}

export async function convert(engine: Engine, options: ConvertOptions): Promise<number> {
  if (options.dryRun) return dryRun(engine, options);
  const out = new RunOutput(options);
  const finished = new Map<string, Job>();
  const ids = new Set<string>();
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));

  const check = (): void => {
    if (ids.size > 0 && [...ids].every((id) => finished.has(id))) allDone();
  };
  if (options.ndjson)
    engine.jobs.onAdded((jobs) => {
      for (const job of jobs) out.job(job, false);
    });
  engine.jobs.onUpdate((job) => {
    const ends = isTerminal(job.status) && ids.has(job.id);
    out.job(job, ends);
    if (ends) {
      finished.set(job.id, job);
      out.draw();
      check();
    }
  });
  engine.jobs.onProgress((event) => out.progress(event));
  engine.jobs.onFrameStats((event) => out.frameStats(event));
  out.ticker(() => ({
    done: finished.size,
    total: ids.size,
    jobs: engine.queue.list().filter((j) => ids.has(j.id)),
  }));

  const { ids: added, skipped } = await engine.jobs.add({
    paths: options.paths,
    presetId: options.presetId,
    ...(options.outDir === undefined ? {} : { outDir: options.outDir }),
    ...(options.settings === undefined ? {} : { settings: options.settings }),
  });
  out.skipped(skipped);
  added.forEach((id) => ids.add(id));
  if (added.length === 0) return out.nothing(skipped);
  out.draw();
  await engine.jobs.start();
  check();
  await done;

  // Every job has finished by now; the queue's copy is only a fallback.
  const jobs = added.flatMap((id) => {
    const job = finished.get(id) ?? engine.queue.get(id);
    return job === undefined ? [] : [job];
  });
  return out.summary(jobs, skipped);
}
