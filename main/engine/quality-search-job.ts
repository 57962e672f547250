import { stat } from 'node:fs/promises';
import type { Progress } from '../../app/jobs/progress';
import type { JobSettings } from '../../app/jobs/settings';
import type { QualityRecord } from '../../app/quality/record';
import { crfForScore } from '../../app/quality/search';
import {
  CRF_RANGES,
  formatScore,
  interpolationScale,
  METRIC_SCALE,
  type QualityTarget,
} from '../../app/quality/target';
import {
  measureFiles,
  qualityTargetOf,
  searchQuality,
  unmeasurable,
  type JobShape,
  type SearchRun,
} from './quality-search';
import type { JobContext } from './run-job';

// A job's quality target around its encode: the search before it (a step with its own
// progress, recorded on the job as `quality`), then the whole output measured, encoded
// once more at a lower CRF if it missed by more than the metric's tolerance.

export interface QualityRun {
  target: QualityTarget;
  shape: JobShape;
  /** The job's settings with the chosen CRF (lowered by a step down). */
  settings: JobSettings;
  record: QualityRecord;
}

type Ctx = Pick<
  JobContext,
  | 'job'
  | 'signal'
  | 'supervisor'
  | 'stallTimeoutMs'
  | 'parallelism'
  | 'progress'
  | 'note'
  | 'update'
  | 'temps'
>;

const score = (target: QualityTarget, value: number): string => formatScore(target.metric, value);

/** The search's progress as the job's progress bar shows it. */
function searchProgress(fraction: number): Progress {
  return {
    percent: Math.round(fraction * 1000) / 10,
    stepIndex: 0,
    stepCount: 1,
    frame: 0,
    fps: 0,
    speed: null,
    outTimeSec: 0,
    totalSizeBytes: 0,
    etaSec: null,
  };
}

function searchRun(ctx: Ctx, onProgress: (fraction: number) => void): SearchRun {
  return {
    supervisor: ctx.supervisor,
    signal: ctx.signal,
    stallTimeoutMs: ctx.stallTimeoutMs,
    parallelism: ctx.parallelism(),
    progress: onProgress,
    temps: ctx.temps,
  };
}

/** Searches the CRF before the encode when the job has a quality target; null without one. */
export async function searchBeforeEncode(
  ctx: Ctx,
  shape: Omit<JobShape, 'jobId' | 'settings'> & { settings: JobSettings | undefined },
): Promise<QualityRun | null> {
  const target = qualityTargetOf(shape.preset, shape.settings);
  if (target === null) return null;
  const refused = unmeasurable(target);
  if (refused !== null) throw new Error(refused);
  const full: JobShape = { ...shape, jobId: ctx.job.id, settings: shape.settings ?? {} };
  const base = { metric: target.metric, target: target.target, searchSec: 0, trials: [] };
  ctx.update?.({ quality: { ...base, phase: 'searching' } });
  ctx.progress(searchProgress(0));
  const found = await searchQuality(
    searchRun(ctx, (f) => ctx.progress(searchProgress(f))),
    full,
    target,
  );
  const { outcome } = found;
  const trials = outcome.trials.map(({ crf, score: s, sizePercent }) => ({
    crf,
    score: s,
    sizePercent: Math.round(sizePercent * 100) / 100,
  }));
  const record: QualityRecord = {
    ...base,
    phase: 'done',
    crf: outcome.crf,
    predicted: outcome.trial.score,
    predictedBytes: found.predictedBytes,
    predictedSec: Math.round(found.predictedSec * 10) / 10,
    searchSec: Math.round(found.searchSec * 10) / 10,
    trials,
  };
  if (outcome.kind === 'unreachable') {
    const best = score(target, outcome.trial.score);
    record.note =
      outcome.why === 'quality'
        ? `The target ${score(target, target.target)} is out of reach: the best the encoder's range gave on the samples is ${best} (CRF ${outcome.crf}), used for this output.`
        : `Reaching ${score(target, target.target)} would make the output larger than ${target.maxSizePercent ?? 100}% of the source: encoded at CRF ${outcome.crf}, the best quality within that size (${best} on the samples).`;
  }
  ctx.update?.({ quality: record });
  return { target, shape: full, settings: { ...full.settings, crf: outcome.crf }, record };
}

/**
 * Measures the whole encoded output; when it misses the target by more than the metric's
 * tolerance (and a lower CRF exists), `reencode` runs the plan once more at the CRF the
 * samples say makes up the miss (at least one lower).
 */
export async function checkAfterEncode(
  ctx: Ctx,
  run: QualityRun,
  output: string,
  reencode: () => Promise<void>,
): Promise<QualityRecord> {
  const { target, shape } = run;
  const measure = (): Promise<number> =>
    measureFiles(
      searchRun(ctx, () => undefined),
      shape,
      target.metric,
      [{ file: output, settings: run.settings }],
    );
  let measured = await measure();
  const video = shape.preset.video;
  const crf = run.settings.crf ?? 0;
  const lowest = typeof video === 'object' ? CRF_RANGES[video.codec].min : crf;
  const missed = (value: number): boolean =>
    value < target.target - METRIC_SCALE[target.metric].tolerance;
  let steppedDown = false;
  if (missed(measured) && run.record.note === undefined && crf > lowest) {
    // The samples scored higher than the whole output by this much: aim that much higher.
    const offset = (run.record.predicted ?? measured) - measured;
    const aim = crfForScore(
      run.record.trials,
      target.target + offset,
      interpolationScale(target.metric),
    );
    run.settings = { ...run.settings, crf: Math.max(lowest, Math.min(crf - 1, aim ?? crf - 1)) };
    await reencode();
    measured = await measure();
    steppedDown = true;
  }
  const record: QualityRecord = {
    ...run.record,
    crf: run.settings.crf ?? crf,
    measured,
    actualBytes: (await stat(output)).size,
    ...(steppedDown ? { steppedDown } : {}),
  };
  if (missed(measured) && record.note === undefined) {
    record.note = `The output measured ${score(target, measured)}, below the target ${score(target, target.target)}${steppedDown ? `, even after one step down to CRF ${record.crf}` : ''}.`;
    ctx.note(record.note);
  }
  run.record = record;
  ctx.update?.({ quality: record });
  return record;
}
