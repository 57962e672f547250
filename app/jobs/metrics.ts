import { z } from 'zod';

// Quality metrics of a job's output against its source: what a job asks for, and what
// it records (the overall score per metric and a bounded series of per-frame values).

export const METRIC_NAMES = ['ssim', 'psnr', 'vmaf', 'xpsnr'] as const;
export const MetricNameSchema = z.enum(METRIC_NAMES);
export type MetricName = z.infer<typeof MetricNameSchema>;

/** The job or preset setting: which metrics, on every frame or every Nth. */
export const MetricsSettingsSchema = z.strictObject({
  names: z
    .array(MetricNameSchema)
    .min(1)
    .max(METRIC_NAMES.length)
    .refine((names) => new Set(names).size === names.length, {
      message: 'name each metric once',
    }),
  /** Measure every Nth frame (1 or absent: every frame). */
  every: z.number().int().min(1).max(10_000).optional(),
});

/** The overall score per metric (SSIM 0..1, PSNR and XPSNR in dB, VMAF 0..100). */
export const MetricScoresSchema = z.strictObject({
  ssim: z.number().optional(),
  psnr: z.number().optional(),
  vmaf: z.number().optional(),
  xpsnr: z.number().optional(),
});
export type MetricScores = z.infer<typeof MetricScoresSchema>;

/** At most this many per-frame values are kept per job (evenly spread over the output). */
export const METRIC_FRAMES_MAX = 2_000;

/**
 * Per-frame values as parallel arrays: index i of every array is the same measured frame.
 * `timeSec` is on the output's clock from its first frame, as the frame statistics are.
 */
export const MetricFramesSchema = z.strictObject({
  timeSec: z.array(z.number()).max(METRIC_FRAMES_MAX),
  ssim: z.array(z.number()).max(METRIC_FRAMES_MAX).optional(),
  psnr: z.array(z.number()).max(METRIC_FRAMES_MAX).optional(),
  vmaf: z.array(z.number()).max(METRIC_FRAMES_MAX).optional(),
  xpsnr: z.array(z.number()).max(METRIC_FRAMES_MAX).optional(),
});
export type MetricFrames = z.infer<typeof MetricFramesSchema>;

/** How each metric is named for a person. */
export const METRIC_LABELS: Record<MetricName, string> = {
  ssim: 'SSIM',
  psnr: 'PSNR',
  vmaf: 'VMAF',
  xpsnr: 'XPSNR',
};

/** One score as people read it: "SSIM 0.9812", "PSNR 41.23 dB", "VMAF 95.10". */
export function formatMetric(name: MetricName, value: number): string {
  if (name === 'ssim') return `SSIM ${value.toFixed(4)}`;
  const unit = name === 'vmaf' ? '' : ' dB';
  return `${METRIC_LABELS[name]} ${value.toFixed(2)}${unit}`;
}

/** Every score of a job, in the metrics' order: "SSIM 0.9812 · PSNR 41.23 dB". */
export function describeMetrics(scores: MetricScores): string {
  return METRIC_NAMES.flatMap((name) => {
    const value = scores[name];
    return value === undefined ? [] : [formatMetric(name, value)];
  }).join(' · ');
}
