import { METRIC_LABELS, type MetricFrames } from '../../../app/jobs/metrics';
import type { FrameRing } from './frame-ring';

// The job's measured quality as a line over the frame chart: SSIM where measured, else
// PSNR. Measured frames are placed on the charted frame nearest in time (both clocks count
// from the output's first frame); the frames between them are gaps the line spans.

export interface QualityLine {
  metric: 'ssim' | 'psnr';
  label: string;
  /** Lowest and highest value measured, for the axis. */
  range: [number, number];
  format: (value: number) => string;
}

/** Which metric the line draws, or null when the job has none measured. */
export function qualityLine(frames: MetricFrames | undefined): QualityLine | null {
  const metric = frames?.ssim !== undefined ? 'ssim' : frames?.psnr !== undefined ? 'psnr' : null;
  const values = metric === null ? undefined : frames?.[metric];
  if (metric === null || values === undefined || values.length === 0) return null;
  const unit = metric === 'psnr' ? ', dB' : '';
  return {
    metric,
    label: `${METRIC_LABELS[metric]}${unit}`,
    range: [Math.min(...values), Math.max(...values)],
    format: (v) => v.toFixed(metric === 'ssim' ? 3 : 1),
  };
}

/** Index of the first of `n` sorted times at or after `t`. */
function lowerBound(time: ArrayLike<number>, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((time[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The line's values on the ring's frames: a value on the nearest frame, null elsewhere. */
export function qualityValues(
  ring: FrameRing,
  frames: MetricFrames,
  line: QualityLine,
): (number | null)[] {
  const n = ring.length;
  const time = ring.columns.time;
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  const values = frames[line.metric] ?? [];
  frames.timeSec.forEach((t, i) => {
    if (n === 0) return;
    const j = lowerBound(time, n, t);
    const before = Math.max(0, j - 1);
    const at = Math.min(n - 1, j);
    const nearest =
      Math.abs((time[before] ?? 0) - t) <= Math.abs((time[at] ?? 0) - t) ? before : at;
    out[nearest] = values[i] ?? null;
  });
  return out;
}
