import {
  METRIC_FRAMES_MAX,
  type MetricFrames,
  type MetricName,
  type MetricScores,
} from '../jobs/metrics';

// Reads what the measuring step's `metadata=mode=print` writes: per frame a header line
// ("frame:0    pts:0       pts_time:0") and one `key=value` line per value the metric
// filters set ("lavfi.ssim.All=0.978586", "lavfi.psnr.mse_avg=14.353715"). The overall
// scores are computed as ffmpeg's filters compute the ones they log: SSIM as the mean of
// the frames' SSIM, PSNR from the mean of the frames' MSE (not the mean of their PSNR).

/** A frame or file with no difference at all counts as this many dB (ffmpeg says "inf"). */
export const PSNR_IDENTICAL = 100;

/** The per-frame key each metric is read from. */
const KEYS: Partial<Record<MetricName, string>> = {
  ssim: 'lavfi.ssim.All',
  psnr: 'lavfi.psnr.mse_avg',
};

export interface MetricsResult {
  scores: MetricScores;
  frames: MetricFrames;
  /** How many frames were measured. */
  count: number;
}

const psnr = (mse: number, peak: number): number =>
  mse <= 0 ? PSNR_IDENTICAL : Math.min(PSNR_IDENTICAL, 10 * Math.log10((peak * peak) / mse));

/** Indices of at most `max` items spread evenly over `length` (all of them when fewer). */
function spread(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.round((i * (length - 1)) / (max - 1)));
}

/** Takes the print output line by line (it may be long: nothing is kept but numbers). */
export class MetricsReader {
  private readonly times: number[] = [];
  private readonly values = new Map<MetricName, number[]>();
  /** Key → metric, for the lines that matter. */
  private readonly wanted = new Map<string, MetricName>();

  constructor(
    names: readonly MetricName[],
    /** The largest sample value of the compared format (255 for 8-bit). */
    private readonly peak: number,
  ) {
    for (const name of names) {
      const key = KEYS[name];
      if (key === undefined) continue;
      this.wanted.set(key, name);
      this.values.set(name, []);
    }
  }

  line(text: string): void {
    const header = /^frame:\d+\s+pts:\S+\s+pts_time:(\S+)/.exec(text);
    if (header !== null) {
      this.times.push(Number(header[1]));
      return;
    }
    const eq = text.indexOf('=');
    if (eq < 0) return;
    const name = this.wanted.get(text.slice(0, eq));
    const value = Number(text.slice(eq + 1));
    // A value belongs to the last header; a frame cut short by a cancel is left out.
    const column = name === undefined ? undefined : this.values.get(name);
    if (column !== undefined && Number.isFinite(value) && column.length < this.times.length)
      column.push(value);
  }

  /** Feeds a whole text (a recorded file, a test). */
  text(text: string): this {
    for (const line of text.split('\n')) this.line(line.trimEnd());
    return this;
  }

  /** The overall scores and at most METRIC_FRAMES_MAX per-frame values; null when no frame was measured. */
  result(): MetricsResult | null {
    // Only frames every metric reported.
    const count = Math.min(this.times.length, ...[...this.values.values()].map((v) => v.length));
    if (count === 0) return null;
    const kept = spread(count, METRIC_FRAMES_MAX);
    const scores: MetricScores = {};
    const frames: MetricFrames = { timeSec: kept.map((i) => this.times[i] ?? 0) };
    for (const [name, column] of this.values) {
      const all = column.slice(0, count);
      const mean = all.reduce((a, b) => a + b, 0) / count;
      if (name === 'psnr') {
        scores.psnr = psnr(mean, this.peak);
        frames.psnr = kept.map((i) => psnr(all[i] ?? 0, this.peak));
      } else {
        scores[name] = mean;
        frames[name] = kept.map((i) => all[i] ?? 0);
      }
    }
    return { scores, frames, count };
  }
}
