import { z } from 'zod';
import { QualityMetricSchema } from './target';

// What a job with a quality target records: the search's trials and choice, what it
// predicted, what the output measured, and a sentence when the target was out of reach.

export const QualityTrialSchema = z.strictObject({
  crf: z.number().int().min(0).max(63),
  score: z.number(),
  sizePercent: z.number().nonnegative(),
});

export const QualityRecordSchema = z.strictObject({
  metric: QualityMetricSchema,
  target: z.number(),
  /** `searching` while the samples are encoded and measured; `done` once the CRF is chosen. */
  phase: z.enum(['searching', 'done']),
  /** The CRF the output was encoded with (after a step down, the lower one). */
  crf: z.number().int().min(0).max(63).optional(),
  /** The samples' score at that CRF. */
  predicted: z.number().optional(),
  /** The whole output's score; absent when it could not be measured. */
  measured: z.number().optional(),
  predictedBytes: z.number().nonnegative().optional(),
  actualBytes: z.number().nonnegative().optional(),
  /** Predicted seconds for the whole encode, from the samples' encode time. */
  predictedSec: z.number().nonnegative().optional(),
  /** Seconds spent searching (0 when every trial came from the cache). */
  searchSec: z.number().nonnegative(),
  trials: z.array(QualityTrialSchema).max(32),
  /** True when the whole output missed the target and was encoded once more at a lower CRF. */
  steppedDown: z.boolean().optional(),
  /** Why the target was not met, in one sentence. */
  note: z.string().max(500).optional(),
});
export type QualityRecord = z.infer<typeof QualityRecordSchema>;
