import { mkdir, stat, writeFile } from 'node:fs/promises';
import type { Plan } from '../../app/jobs/plan';
import type { HardwareEncoder } from '../../app/hardware/encoder-args';
import { decoderRecord, softwareDecoder } from '../../app/ffmpeg/hw-decode';
import type { Job } from '../../app/jobs/job';
import type { Analysis } from '../../app/jobs/settings';
import { withSourceSizes, type FrameStatsBatch } from '../../app/jobs/frame-stats';
import type { Progress } from '../../app/jobs/progress';
import type { JobStatus } from '../../app/jobs/state';
import type { MediaInfo } from '../../app/media/model';
import { mainStreamsOnly } from '../../app/media/streams';
import type { Preset } from '../../app/presets/schema';
import { commitOutput, decideJobOutput, discard, reserveTemp, skippedEnd } from './output';
import type { WorkerSupervisor } from './supervisor';
import { checkCompleteness } from './completeness-check';
import {
  chooseChunks,
  chooseEncoder,
  decoderOnHost,
  planOnHost,
  type MatrixSource,
} from './host-plan';
import { chunkCalibration } from './chunk-calibration';
import { chunksAsked } from '../../app/ffmpeg/chunk-plan';
import { needsAnalysis } from './services/analysis';
import { probeRequest, reusableProbe } from './probe-reuse';
import { measureOutput } from './metrics';
import { checkAfterEncode, searchBeforeEncode } from './quality-search-job';

// One job from queued to a terminal state. Every exit path runs the same cleanup:
// temporary outputs are removed unless they were committed (docs/ARCHITECTURE.md, Rule 1).

export interface JobContext {
  job: Job;
  signal: AbortSignal;
  stallTimeoutMs: number;
  supervisor: WorkerSupervisor;
  preset: Preset;
  /** Moves the job to a new status with changes; throws on an illegal move. */
  move: (status: JobStatus, changes?: Partial<Job>) => void;
  progress: (progress: Progress) => void;
  /** How many of this job's steps may run at once (segment encodes). */
  parallelism: () => number;
  frameStats: (batch: FrameStatsBatch) => void;
  /** Adds a warning to the job without changing its status. */
  note: (warning: string) => void;
  /** Changes the job's record without changing its status (the quality search's step). */
  update?: (changes: Partial<Job>) => void;
  probed: (info: MediaInfo) => void;
  /** This job's probe from earlier or taken ahead of its run, if any (it may be out of date). */
  cachedProbe: () => MediaInfo | undefined | Promise<MediaInfo>;
  /** Temp files in use, persisted so a crash can clean them up on the next start. */
  temps: Set<string>;
  /** The hardware matrix: tested only when the preset wants hardware, else the last saved one. */
  hardware: MatrixSource;
  /** The source's analysis (cached per job), asked only when a setting says `auto`. */
  analyze: (info: MediaInfo) => Promise<Analysis>;
}

/** The failure looks like the hardware itself, not the input: worth one software retry. */
function isHardwareFailure(error: unknown): boolean {
  const text = `${(error as Error).message ?? ''}\n${(error as { log?: string }).log ?? ''}`;
  return /nvenc|cuda|vaapi|qsv|mfx|amf|videotoolbox|d3d11va|vulkan|v4l2|hwaccel|hwupload|hw_device|Device creation failed|encoder could not start/i.test(
    text,
  );
}

/** The analysis `auto` settings need; without one (it failed) they do nothing, and the job says so. */
async function analysisFor(ctx: JobContext, info: MediaInfo): Promise<Analysis | null> {
  if (!needsAnalysis(ctx.job.spec.settings)) return null;
  try {
    return await ctx.analyze(info);
  } catch (error) {
    ctx.signal.throwIfAborted();
    ctx.note(
      `Converted without the automatic crop and deinterlace: the source could not be analysed (${(error as Error).message})`,
    );
    return null;
  }
}

/** The run itself failed on this input (not a cancel, a stall or a full disk): worth one slimmer try. */
function isInputFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'exit' || code === 'crashed';
}

/**
 * The start of every run, local or on the farm: the job moves to probing and takes the
 * probe made before (probe-ahead, the Inspector) while its file is unchanged, else probes.
 */
export async function startAndProbe(ctx: JobContext): Promise<MediaInfo> {
  const { job, signal } = ctx;
  ctx.move('probing', {
    startedAt: Date.now(),
    attempts: job.attempts + 1,
    error: null,
    progress: null,
  });
  const request = probeRequest(job.spec.input, ctx.preset, ctx.stallTimeoutMs);
  const info =
    (await reusableProbe(
      await ctx.cachedProbe(),
      request.path,
      request.scanResolution,
      chunksAsked(job.spec.settings),
    )) ?? (await ctx.supervisor.request('probe', request, { signal }));
  ctx.probed(info);
  signal.throwIfAborted();
  return info;
}

export async function runJob(ctx: JobContext): Promise<void> {
  const { job, signal, supervisor } = ctx;
  const info = await startAndProbe(ctx);
  const { settings } = job.spec;
  const analysis = await analysisFor(ctx, info);
  signal.throwIfAborted();

  const decision = await decideJobOutput(job.spec, ctx.preset, info, analysis, job.spec.onExists);
  if (decision.kind === 'skip') {
    ctx.move('done', skippedEnd(job, decision.final));
    return;
  }

  const encoder = await chooseEncoder(ctx.preset, ctx.hardware);
  // `--chunks auto` as measured here (once per encoder setting; later jobs read the result).
  const chunks = await chooseChunks(ctx.preset, settings, info, encoder.hw, (video) =>
    chunkCalibration(supervisor).best(video),
  );
  signal.throwIfAborted();
  let decoder = decoderOnHost(ctx.preset, info, settings, encoder);
  const decoded = (): Partial<Job> => (decoder === null ? {} : { decoder: decoderRecord(decoder) });
  // A quality target: the CRF searched on samples with this job's own plan.
  const quality = await searchBeforeEncode(ctx, {
    info,
    preset: ctx.preset,
    settings,
    analysis,
    hardware: encoder.hw,
    decoder,
    policy: job.spec.resolutionPolicy,
  });
  const planFor = (hardware: HardwareEncoder | null, source: MediaInfo = info): Plan =>
    planOnHost({
      info: source,
      preset: ctx.preset,
      hardware,
      policy: job.spec.resolutionPolicy,
      output: { final: decision.final, temp: decision.temp },
      settings: quality?.settings ?? settings,
      analysis,
      decoder,
      chunks,
    });
  const plan = planFor(encoder.hw);
  // Everything the plan writes is recorded before it exists, so any exit path removes it.
  const outputs = [
    ...plan.steps.flatMap((s) => s.outputs),
    // A statistics FIFO is removed by the worker; a plain file left there (no FIFO) by us.
    ...plan.steps.flatMap((s) => (s.statsPipe?.startsWith('\\\\') === false ? [s.statsPipe] : [])),
    ...plan.files.map((f) => f.path),
    ...plan.workDirs,
  ];
  outputs.forEach((f) => ctx.temps.add(f));
  const removeTemps = async (): Promise<void> => {
    await Promise.all(outputs.map((f) => discard(f)));
    outputs.forEach((f) => ctx.temps.delete(f));
  };
  try {
    await reserveTemp(decision.temp);
    for (const dir of plan.workDirs) await mkdir(dir);
    for (const file of plan.files) await writeFile(file.path, file.content, { flag: 'wx' });
    const notes = [encoder.note, quality?.record.note].filter((n) => n !== undefined && n !== null);
    ctx.move('running', {
      warnings: [...job.warnings, ...plan.warnings, ...notes],
      ...decoded(),
      // How many chunks the video is encoded in (1: one pass); absent when no video is encoded.
      ...(typeof ctx.preset.video === 'object' ? { chunks: plan.chunks ?? 1 } : {}),
    });
    const run = (steps: typeof plan.steps) =>
      supervisor.request(
        'run',
        {
          jobId: job.id,
          steps,
          stallTimeoutMs: ctx.stallTimeoutMs,
          parallelism: ctx.parallelism(),
          frameStats: true,
        },
        {
          signal,
          onProgress: ctx.progress,
          onFrameStats: (batch) =>
            ctx.frameStats(withSourceSizes(batch, info, steps[batch.stepIndex])),
        },
      );
    let ran = plan.steps;
    // The encoder that made the output, for the quality step.
    let made = encoder.hw;
    let result;
    try {
      result = await run(ran);
    } catch (error) {
      if (signal.aborted) throw error;
      const hwDecode = decoder?.hwaccel ?? null;
      if ((encoder.hw !== null || hwDecode !== null) && isHardwareFailure(error)) {
        // Hardware failed to start or run: one more try all in software, and say so.
        const why = (error as Error).message;
        if (encoder.hw !== null)
          ctx.note(`Fell back to software: ${encoder.hw.encoder} failed (${why})`);
        if (decoder !== null && hwDecode !== null) {
          const reason = `Decoded in software: ${hwDecode} decoding failed (${why})`;
          ctx.note(reason);
          decoder = softwareDecoder(decoder.codec, reason);
        }
        ran = planFor(null).steps;
        made = null;
      } else {
        const slim = mainStreamsOnly(info);
        if (!isInputFailure(error) || slim.streams.length >= info.streams.length) throw error;
        // One more try with what plain ffmpeg would pick: the main video and audio.
        ctx.note(
          `Converted with only the main video and audio: the first try with every track failed (${(error as Error).message})`,
        );
        const retry = planFor(encoder.hw, slim);
        for (const file of retry.files) await writeFile(file.path, file.content);
        ran = retry.steps;
      }
      result = await run(ran);
    }
    signal.throwIfAborted();
    checkCompleteness(ctx, info, ran, result);
    if (quality !== null) {
      quality.shape.hardware = made;
      await checkAfterEncode(ctx, quality, decision.temp, async () => {
        ran = planFor(made).steps;
        result = await run(ran);
        checkCompleteness(ctx, info, ran, result);
      });
    }
    ctx.move('finalizing', { log: result.log, ...decoded() });
    // The commit is the point of no return: a cancel before it discards the temp file;
    // after it the file stays (under 'overwrite' the old one is already gone) and the job is done.
    const final = await commitOutput(decision.temp, decision.final, job.spec.onExists, signal);
    if (signal.aborted) ctx.note('Cancelled too late: the output was already saved.');
    const size = (await stat(final)).size;
    // Tidy before saying done: whoever sees 'done' sees no work folder or FIFO left.
    await removeTemps();
    // Measured once saved: a metric failure or a cancel now is a note, never the output lost.
    const shape = { info, settings, analysis, hardware: made, policy: job.spec.resolutionPolicy };
    const measured = await measureOutput(ctx, shape, final);
    ctx.move('done', { finishedAt: Date.now(), output: final, outputBytes: size, ...measured });
  } finally {
    await removeTemps();
  }
}
