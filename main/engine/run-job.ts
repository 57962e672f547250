import { stat } from 'node:fs/promises';
import { buildConvertPlan } from '../../app/ffmpeg/convert-args';
import type { Job } from '../../app/jobs/job';
import type { Progress } from '../../app/jobs/progress';
import type { JobStatus } from '../../app/jobs/state';
import type { MediaInfo } from '../../app/media/model';
import type { Preset } from '../../app/presets/schema';
import { commitOutput, decideOutput, discard, reserveTemp } from './output';
import type { WorkerSupervisor } from './supervisor';

// One job from queued to a terminal state. Every exit path runs the same cleanup:
// temporary outputs are removed unless they were committed (LESSONS.md §1).

export interface JobContext {
  job: Job;
  signal: AbortSignal;
  stallTimeoutMs: number;
  supervisor: WorkerSupervisor;
  preset: Preset;
  /** Moves the job to a new status with changes; throws on an illegal move. */
  move: (status: JobStatus, changes?: Partial<Job>) => void;
  progress: (progress: Progress) => void;
  probed: (info: MediaInfo) => void;
  /** Temp files in use, persisted so a crash can clean them up on the next start. */
  temps: Set<string>;
}

export async function runJob(ctx: JobContext): Promise<void> {
  const { job, signal, supervisor } = ctx;
  ctx.move('probing', { startedAt: Date.now(), attempts: job.attempts + 1, error: null, progress: null });
  const info = await supervisor.request('probe', { path: job.spec.input, timeoutMs: ctx.stallTimeoutMs }, { signal });
  ctx.probed(info);
  signal.throwIfAborted();

  const decision = await decideOutput(job.spec.input, job.spec.outDir, ctx.preset.extension, job.spec.onExists);
  if (decision.kind === 'skip') {
    ctx.move('done', {
      finishedAt: Date.now(),
      output: decision.final,
      warnings: [...job.warnings, `Skipped: ${decision.final} already exists (on-exists policy "skip").`],
    });
    return;
  }

  const plan = buildConvertPlan({ preset: ctx.preset, info, output: decision.temp });
  const outputs = plan.steps.flatMap((s) => s.outputs);
  outputs.forEach((f) => ctx.temps.add(f));
  try {
    await reserveTemp(decision.temp);
    ctx.move('running', { warnings: [...job.warnings, ...plan.warnings] });
    const result = await supervisor.request(
      'run',
      { jobId: job.id, steps: plan.steps, stallTimeoutMs: ctx.stallTimeoutMs },
      { signal, onProgress: ctx.progress },
    );
    signal.throwIfAborted();
    ctx.move('finalizing', { log: result.log });
    const final = await commitOutput(decision.temp, decision.final, job.spec.onExists);
    if (signal.aborted) {
      // Cancelled while finalizing: honour it, leave nothing behind.
      await discard(final);
      signal.throwIfAborted();
    }
    const size = (await stat(final)).size;
    ctx.move('done', { finishedAt: Date.now(), output: final, outputBytes: size });
  } finally {
    await Promise.all(outputs.map((f) => discard(f)));
    outputs.forEach((f) => ctx.temps.delete(f));
  }
}
