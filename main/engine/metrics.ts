import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { MEASURABLE, planMetrics } from '../../app/ffmpeg/metrics-plan';
import { MetricsReader } from '../../app/ffmpeg/metrics-parse';
import { FFMPEG_PREFIX } from '../../app/ffmpeg/safety';
import type { HardwareEncoder } from '../../app/hardware/encoder-args';
import type { Job, ResolutionPolicy } from '../../app/jobs/job';
import { METRIC_LABELS, type MetricName } from '../../app/jobs/metrics';
import { StepSchema, type Step } from '../../app/jobs/plan';
import type { Analysis, JobSettings } from '../../app/jobs/settings';
import type { MediaInfo } from '../../app/media/model';
import type { Preset } from '../../app/presets/schema';
import { discard } from './output';
import type { JobContext } from './run-job';
import type { WorkerSupervisor } from './supervisor';

// The quality step after a job's commit: the saved output measured against its source
// through the worker (sandbox, watchdog, cancel). It never risks the output: whatever goes
// wrong, a cancel included, becomes a note on a job that is done.

type Ctx = Pick<
  JobContext,
  'job' | 'preset' | 'signal' | 'supervisor' | 'stallTimeoutMs' | 'progress' | 'note' | 'temps'
> & {
  /** Changes the job's record without moving it (absent: the step is not shown). */
  update?: (changes: Partial<Job>) => void;
};

/** What the job's plan was made of, as run-job.ts decided it. */
export interface MeasureShape {
  info: MediaInfo;
  settings: JobSettings | undefined;
  analysis: Analysis | null;
  /** The hardware encoder that made the output (null: software, or after a fallback). */
  hardware: HardwareEncoder | null;
  policy: ResolutionPolicy;
}

/** The metrics a job asks for: its own setting, else its preset's; null for none. */
export function metricsOf(preset: Preset, settings: JobSettings | undefined) {
  return settings?.metrics ?? preset.metrics ?? null;
}

/** ffmpeg's filter for each metric this planner does not measure. */
const FILTER: Partial<Record<MetricName, string>> = { vmaf: 'libvmaf', xpsnr: 'xpsnr' };

/** A two-input filter tried on one tiny generated frame pair: does this ffmpeg have it? */
function filterProbe(filter: string): Step {
  const frame = ['-f', 'lavfi', '-i', 'color=size=64x64:duration=0.04'];
  const graph = ['-filter_complex', `[0:v][1:v]${filter}`, '-f', 'null', '-'];
  return StepSchema.parse({
    label: `Has ${filter}`,
    program: 'ffmpeg',
    args: [...FFMPEG_PREFIX, ...frame, ...frame, ...graph],
    durationSec: null,
    weight: 1,
    outputs: [],
  });
}

/** Per worker (a restarted one may run another ffmpeg), whether each filter ran. */
const filtersSeen = new WeakMap<WorkerSupervisor, Map<string, Promise<boolean>>>();

function hasFilter(ctx: Ctx, filter: string): Promise<boolean> {
  let seen = filtersSeen.get(ctx.supervisor);
  if (seen === undefined) {
    seen = new Map<string, Promise<boolean>>();
    filtersSeen.set(ctx.supervisor, seen);
  }
  let known = seen.get(filter);
  if (known === undefined) {
    const step = filterProbe(filter);
    const run = { jobId: ctx.job.id, steps: [step], stallTimeoutMs: 10_000, parallelism: 1 };
    known = ctx.supervisor.request('run', { ...run, frameStats: false }, {}).then(
      () => true,
      () => false,
    );
    seen.set(filter, known);
  }
  return known;
}

/** Notes for the metrics this run cannot measure: not in this ffmpeg, or not measured here. */
async function unmeasured(ctx: Ctx, names: readonly MetricName[]): Promise<void> {
  for (const name of names) {
    const filter = FILTER[name];
    if (filter === undefined) continue;
    ctx.note(
      (await hasFilter(ctx, filter))
        ? `${METRIC_LABELS[name]} was not measured: Framewright measures only SSIM and PSNR so far.`
        : `${METRIC_LABELS[name]} is not in this ffmpeg build, so it was not measured.`,
    );
  }
}

async function readStats(file: string, reader: MetricsReader): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) reader.line(line);
}

/**
 * Measures the saved output when the job asks for metrics: the scores and per-frame values
 * for the job's record, or nothing (with a note saying why). Never throws.
 */
export async function measureOutput(
  ctx: Ctx,
  shape: MeasureShape,
  output: string,
): Promise<Pick<Job, 'metrics' | 'metricFrames'>> {
  const wanted = metricsOf(ctx.preset, shape.settings);
  if (wanted === null) return {};
  if (ctx.signal.aborted) {
    ctx.note('Quality was not measured: the job was cancelled.');
    return {};
  }
  const statsFile = path.join(
    path.dirname(output),
    `.${path.basename(output)}.framewright-metrics-${randomBytes(4).toString('hex')}.txt`,
  );
  ctx.temps.add(statsFile);
  try {
    await unmeasured(ctx, wanted.names);
    if (!wanted.names.some((n) => MEASURABLE.includes(n))) return {};
    const plan = planMetrics({
      ...shape,
      preset: ctx.preset,
      distorted: output,
      names: wanted.names,
      every: wanted.every,
      statsFile,
    });
    if ('unsupported' in plan) {
      ctx.note(plan.unsupported);
      return {};
    }
    ctx.update?.({ measuring: true });
    const step = { ...plan.step, access: { ...plan.step.access, writes: [path.dirname(output)] } };
    await ctx.supervisor.request(
      'run',
      {
        jobId: ctx.job.id,
        steps: [step],
        stallTimeoutMs: ctx.stallTimeoutMs,
        parallelism: 1,
        frameStats: false,
      },
      { signal: ctx.signal, onProgress: ctx.progress },
    );
    const reader = new MetricsReader(plan.names, plan.peak);
    await readStats(statsFile, reader);
    const result = reader.result();
    if (result === null) {
      ctx.note('Quality was not measured: no frame of the output could be compared.');
      return {};
    }
    return { metrics: result.scores, metricFrames: result.frames };
  } catch (error) {
    ctx.note(
      ctx.signal.aborted
        ? 'Quality was not measured: the job was cancelled after its output was saved.'
        : `Quality was not measured: ${(error as Error).message}`,
    );
    return {};
  } finally {
    ctx.update?.({ measuring: undefined });
    await discard(statsFile);
    ctx.temps.delete(statsFile);
  }
}
