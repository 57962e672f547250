import { z } from 'zod';

/** Progress of one job, as the UI and the CLI show it. All durations in seconds. */
export const ProgressSchema = z.object({
  /** 0..100 across every step of the plan, or null when the duration is unknown. */
  percent: z.number().min(0).max(100).nullable(),
  stepIndex: z.number().int().nonnegative(),
  stepCount: z.number().int().positive(),
  frame: z.number().int().nonnegative(),
  fps: z.number().nonnegative(),
  /** Encoding speed as a multiple of real time (2 = twice real time). */
  speed: z.number().nonnegative().nullable(),
  outTimeSec: z.number().nonnegative(),
  totalSizeBytes: z.number().int().nonnegative(),
  /** Seconds left, from a monotonic clock; null until it can be estimated. */
  etaSec: z.number().nonnegative().nullable(),
});
export type Progress = z.infer<typeof ProgressSchema>;
