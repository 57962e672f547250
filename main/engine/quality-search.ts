import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DecoderChoice } from '../../app/ffmpeg/hw-decode';
import { MEASURABLE, planMetrics } from '../../app/ffmpeg/metrics-plan';
import { MetricsReader } from '../../app/ffmpeg/metrics-parse';
import type { HardwareEncoder } from '../../app/hardware/encoder-args';
import type { ResolutionPolicy } from '../../app/jobs/job';
import type { Step } from '../../app/jobs/plan';
import type { Progress } from '../../app/jobs/progress';
import type { Analysis, JobSettings } from '../../app/jobs/settings';
import type { MediaInfo } from '../../app/media/model';
import { planJob } from '../../app/plan/plan-job';
import type { Preset } from '../../app/presets/schema';
import {
  encodedPart,
  keyframeTimes,
  onKeyframes,
  pickSamples,
  type Sample,
} from '../../app/quality/samples';
import { searchCrf, type SearchOutcome, type Trial } from '../../app/quality/search';
import {
  CRF_RANGES,
  interpolationScale,
  METRIC_SCALE,
  type QualityTarget,
} from '../../app/quality/target';
import type { WorkerSupervisor } from './supervisor';
import { QualitySearchCache, searchKey, type CachedTrial } from './quality-search-cache';

// The quality search on the host: each trial encodes the samples with the job's own plan
// (only the input's seek and length differ, through a trim) at one CRF, through the worker
// and its sandbox, then measures them against the source with the metrics planner
// (app/ffmpeg/metrics-plan.ts). The trials are cached per file and settings.

/** Everything the job's plan is made of, as run-job.ts decided it. */
export interface JobShape {
  jobId: string;
  info: MediaInfo;
  preset: Preset;
  settings: JobSettings;
  analysis: Analysis | null;
  hardware: HardwareEncoder | null;
  decoder: DecoderChoice | null;
  policy: ResolutionPolicy;
}

export interface SearchRun {
  supervisor: WorkerSupervisor;
  signal: AbortSignal;
  stallTimeoutMs: number;
  parallelism: number;
  /** The search's progress, 0..1 (a guess: the number of trials is not known ahead). */
  progress: (fraction: number) => void;
  cache?: QualitySearchCache;
  /** The job's temp files, so a crash's leftovers (samples, stats files) are removed at the next start. */
  temps?: Set<string>;
}

export interface QualityFound {
  outcome: SearchOutcome;
  predictedBytes: number;
  predictedSec: number;
  searchSec: number;
}

/** The job's quality target (its own, else its preset's); null without one or without encoded video. */
export function qualityTargetOf(
  preset: Preset,
  settings: JobSettings | undefined,
): QualityTarget | null {
  if (typeof preset.video !== 'object') return null;
  return settings?.quality ?? preset.quality ?? null;
}

/** A sentence when the target's metric is not one Framewright measures (VMAF is not, yet), else null. */
export function unmeasurable(target: QualityTarget): string | null {
  if (MEASURABLE.includes(target.metric)) return null;
  return `The quality target ${target.metric}:${target.target} cannot be searched: Framewright measures only ${MEASURABLE.map((m) => m.toUpperCase()).join(' and ')} so far, so use ${MEASURABLE.join(' or ')}.`;
}

/** The job's settings for one sample at one CRF: the job's own, trimmed to the sample. */
function sampleSettings(settings: JobSettings, sample: Sample, crf: number): JobSettings {
  const endSec = sample.startSec + sample.durationSec;
  const trimmed = { ...settings, crf, trim: { startSec: sample.startSec, endSec } };
  delete trimmed.quality;
  delete trimmed.chunks;
  return trimmed;
}

/** Trials guessed for the progress bar (the search usually takes 3 to 5). */
const GUESSED_TRIALS = 4;

/** Runs steps through the worker, reporting their share of the progress 0..1. */
async function runSteps(
  run: SearchRun,
  jobId: string,
  steps: Step[],
  onShare: (share: number) => void,
): Promise<void> {
  await run.supervisor.request(
    'run',
    {
      jobId,
      steps,
      stallTimeoutMs: run.stallTimeoutMs,
      parallelism: run.parallelism,
      frameStats: false,
    },
    {
      signal: run.signal,
      onProgress: (p: Progress) => onShare((p.percent ?? 0) / 100),
    },
  );
}

/**
 * Measures encoded files against the source, each planned with its own settings (a sample's
 * trim), all frames read into one reader: the score is the one all those frames give together.
 */
export async function measureFiles(
  run: SearchRun,
  shape: JobShape,
  metric: QualityTarget['metric'],
  files: { file: string; settings: JobSettings }[],
  onShare: (share: number) => void = () => undefined,
): Promise<number> {
  const planned = files.map(({ file, settings }, i) => {
    const plan = planMetrics({
      info: shape.info,
      preset: shape.preset,
      settings,
      analysis: shape.analysis,
      hardware: shape.hardware,
      policy: shape.policy,
      distorted: file,
      names: [metric],
      statsFile: `${file}.metrics-${i}.txt`,
    });
    if ('unsupported' in plan) throw new Error(plan.unsupported);
    const statsFile = plan.step.outputs[0] ?? `${file}.metrics-${i}.txt`;
    // The stats file is written beside the measured file.
    const step = { ...plan.step, access: { ...plan.step.access, writes: [path.dirname(file)] } };
    return { step, statsFile, peak: plan.peak };
  });
  planned.forEach((p) => run.temps?.add(p.statsFile));
  try {
    await runSteps(
      run,
      shape.jobId,
      planned.map((p) => p.step),
      onShare,
    );
    const reader = new MetricsReader([metric], planned[0]?.peak ?? 255);
    for (const p of planned) reader.text(await readFile(p.statsFile, 'utf8'));
    const score = reader.result()?.scores[metric];
    if (score === undefined)
      throw new Error('The quality could not be measured: no frame was compared.');
    return score;
  } finally {
    await Promise.all(planned.map((p) => rm(p.statsFile, { force: true })));
    planned.forEach((p) => run.temps?.delete(p.statsFile));
  }
}

/** Encodes and measures the samples at one CRF. */
async function sampleTrial(
  run: SearchRun,
  shape: JobShape,
  metric: QualityTarget['metric'],
  samples: Sample[],
  crf: number,
  dir: string,
  onShare: (share: number) => void,
): Promise<Omit<CachedTrial, 'sizePercent'>> {
  const encoded = samples.map((sample, i) => {
    const file = path.join(dir, `sample-${i}-crf${crf}${shape.preset.extension}`);
    const settings = sampleSettings(shape.settings, sample, crf);
    const plan = planJob({
      info: shape.info,
      preset: shape.preset,
      hardware: shape.hardware,
      policy: shape.policy,
      output: { final: file, temp: file },
      stats: null,
      settings,
      analysis: shape.analysis,
      decoder: shape.decoder,
      chunks: 1,
    });
    return { file, settings, plan };
  });
  try {
    for (const { plan } of encoded) {
      for (const folder of plan.workDirs) await mkdir(folder, { recursive: true });
      for (const f of plan.files) await writeFile(f.path, f.content);
    }
    const started = performance.now();
    await runSteps(
      run,
      shape.jobId,
      encoded.flatMap((e) => e.plan.steps),
      (share) => onShare(share * 0.6),
    );
    const seconds = (performance.now() - started) / 1000;
    const score = await measureFiles(run, shape, metric, encoded, (share) =>
      onShare(0.6 + share * 0.4),
    );
    const bytes = (await Promise.all(encoded.map((e) => stat(e.file)))).reduce(
      (sum, s) => sum + s.size,
      0,
    );
    const sampled = samples.reduce((sum, s) => sum + s.durationSec, 0);
    return { score, bytesPerSec: bytes / sampled, secPerSec: seconds / sampled };
  } finally {
    for (const { file, plan } of encoded) {
      await rm(file, { force: true });
      for (const folder of plan.workDirs) await rm(folder, { recursive: true, force: true });
    }
  }
}

/** What the cache key holds besides the file: everything that shapes the encode but the CRF. */
function keyShape(shape: JobShape, metric: string, samples: Sample[]): unknown {
  const settings = { ...shape.settings };
  for (const key of ['quality', 'crf', 'name', 'folder'] as const) delete settings[key];
  const { video, container, audio, allAudioTracks, subtitles, faststart } = shape.preset;
  return {
    preset: {
      video: typeof video === 'object' ? { ...video, crf: 0 } : video,
      ...{ container, audio, allAudioTracks, subtitles, faststart },
    },
    settings,
    analysis: shape.analysis,
    hardware: shape.hardware?.encoder ?? null,
    decoder: shape.decoder,
    policy: shape.policy,
    metric,
    samples,
  };
}

/** Searches the highest CRF that reaches the target on samples of the file. */
export async function searchQuality(
  run: SearchRun,
  shape: JobShape,
  target: QualityTarget,
): Promise<QualityFound> {
  const video = shape.preset.video;
  if (typeof video !== 'object') throw new Error('A quality target needs encoded video.');
  const started = performance.now();
  const { info } = shape;
  const part = encodedPart(info.durationSec, shape.settings.trim);
  const picked = pickSamples(info.durationSec, shape.settings.trim);
  // On keyframes: no trial, and no measuring, decodes the frames before a sample.
  const samples = part === null ? picked : onKeyframes(picked, keyframeTimes(info), part);
  const partSec =
    part === null ? samples.reduce((s, x) => s + x.durationSec, 0) : part.endSec - part.startSec;
  // The source's bytes for the part encoded, for the size in percent.
  const sourceBytes =
    info.durationSec !== null && info.durationSec > 0
      ? (info.sizeBytes * partSec) / info.durationSec
      : info.sizeBytes;
  const cache = run.cache ?? new QualitySearchCache();
  const key = searchKey(info, keyShape(shape, target.metric, samples));
  const known = await cache.trials(key);
  const measured = new Map<number, CachedTrial>();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'framewright-quality-'));
  run.temps?.add(dir);
  const range = CRF_RANGES[video.codec];
  const scale = METRIC_SCALE[target.metric];
  try {
    const outcome = await searchCrf(
      {
        target: target.target,
        range,
        start: video.crf,
        ...(target.maxSizePercent !== undefined ? { maxSizePercent: target.maxSizePercent } : {}),
        closeEnough: scale.closeEnough,
        scale: interpolationScale(target.metric),
      },
      async (crf, index): Promise<Trial> => {
        const share = (within: number): void =>
          run.progress(Math.min(0.99, (index + within) / Math.max(GUESSED_TRIALS, index + 1)));
        let found = known.get(crf);
        if (found === undefined) {
          const made = await sampleTrial(run, shape, target.metric, samples, crf, dir, share);
          found = {
            ...made,
            sizePercent: (made.bytesPerSec * partSec * 100) / Math.max(1, sourceBytes),
          };
          await cache.add(key, crf, found);
        }
        measured.set(crf, found);
        share(1);
        return { crf, score: found.score, sizePercent: found.sizePercent };
      },
    );
    run.progress(1);
    const chosen = measured.get(outcome.crf);
    return {
      outcome,
      predictedBytes: Math.round((chosen?.bytesPerSec ?? 0) * partSec),
      predictedSec: (chosen?.secPerSec ?? 0) * partSec,
      searchSec: (performance.now() - started) / 1000,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    run.temps?.delete(dir);
  }
}
