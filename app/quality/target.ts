import { z } from 'zod';
import type { VideoCodec } from '../presets/schema';

// A quality target: the metric the search measures with, the score the output must reach
// and an optional size cap. A job setting or a preset field; the job's wins.

export const QualityMetricSchema = z.enum(['ssim', 'psnr', 'vmaf']);
export type QualityMetric = z.infer<typeof QualityMetricSchema>;

/**
 * Per metric: the targets it takes (SSIM 0..1, PSNR in dB, VMAF 0..100); how far above
 * the target a sample may land and still end the search (`closeEnough`, doubled at every
 * trial); and how far below it the whole output may land before it is encoded once more
 * one CRF lower (`tolerance`).
 */
export const METRIC_SCALE: Record<
  QualityMetric,
  { min: number; max: number; closeEnough: number; tolerance: number }
> = {
  ssim: { min: 0.5, max: 1, closeEnough: 0.001, tolerance: 0.002 },
  psnr: { min: 10, max: 100, closeEnough: 0.15, tolerance: 0.3 },
  vmaf: { min: 1, max: 100, closeEnough: 0.1, tolerance: 0.5 },
};

export const QualityTargetSchema = z
  .strictObject({
    metric: QualityMetricSchema,
    /** The score every sample, and then the output, must reach. */
    target: z.number(),
    /** Largest output, in percent of the source's size (for the part encoded). */
    maxSizePercent: z.number().positive().max(1000).optional(),
  })
  .refine((q) => q.target >= METRIC_SCALE[q.metric].min && q.target <= METRIC_SCALE[q.metric].max, {
    message: 'the target must be within the metric scale (ssim 0.5-1, psnr 10-100 dB, vmaf 1-100)',
    path: ['target'],
  });
export type QualityTarget = z.infer<typeof QualityTargetSchema>;

/** The CRF values each encoder takes, lowest (best) to highest; the one list of them. */
export const CRF_RANGES: Record<VideoCodec, { min: number; max: number }> = {
  libx264: { min: 0, max: 51 },
  libx265: { min: 0, max: 51 },
  libsvtav1: { min: 1, max: 63 },
  'libvpx-vp9': { min: 0, max: 63 },
  libvpx: { min: 4, max: 63 },
};

/**
 * The scale the search interpolates scores on: PSNR is already logarithmic; SSIM's and
 * VMAF's distance from a perfect score grows about exponentially with CRF, so its log.
 */
export function interpolationScale(metric: QualityMetric): (score: number) => number {
  if (metric === 'psnr') return (score) => score;
  const top = METRIC_SCALE[metric].max;
  return (score) => -Math.log(Math.max(top - score, top * 1e-6));
}

/** A score as people read it: "SSIM 0.9753", "PSNR 41.20 dB", "VMAF 95.10". */
export function formatScore(metric: QualityMetric, value: number): string {
  if (metric === 'ssim') return `SSIM ${value.toFixed(4)}`;
  return metric === 'psnr' ? `PSNR ${value.toFixed(2)} dB` : `VMAF ${value.toFixed(2)}`;
}

/** `ssim:0.97`, `psnr:42`, `vmaf:95` as written on a command line; null when not that shape (the schema checks the rest). */
export function parseQualityTarget(text: string): { metric: string; target: number } | null {
  const match = /^([a-z]+):(\d+(?:\.\d+)?)$/.exec(text.trim().toLowerCase());
  return match === null ? null : { metric: match[1] ?? '', target: Number(match[2]) };
}
