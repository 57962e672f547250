import { z } from 'zod';
import { JobStatusSchema } from './state';
import { ProgressSchema } from './progress';
import { JobSettingsSchema } from './settings';
import { QualityRecordSchema } from '../quality/record';
import { MetricFramesSchema, MetricScoresSchema } from './metrics';

export const ResolutionPolicySchema = z.enum(['auto', 'reinit', 'fit', 'stretch']);
export type ResolutionPolicy = z.infer<typeof ResolutionPolicySchema>;

export const OnExistsSchema = z.enum(['skip', 'rename', 'overwrite']);
export type OnExists = z.infer<typeof OnExistsSchema>;

/** A source shorter than it declares: finish with a warning, or fail (strict). */
export const IncompleteSourceSchema = z.enum(['warn', 'fail']);
export type IncompleteSource = z.infer<typeof IncompleteSourceSchema>;
/** Never destroys: an existing output keeps its name, ours gets " (1)". */
export const DEFAULT_ON_EXISTS: OnExists = 'rename';

/** What a person asks for: one input converted with one preset into a folder. */
export const JobSpecSchema = z.object({
  input: z.string().min(1).max(4096),
  presetId: z.string().min(1).max(200),
  outDir: z.string().min(1).max(4096),
  onExists: OnExistsSchema.default(DEFAULT_ON_EXISTS),
  /** What to do when the picture size changes mid-stream (see app/ffmpeg/resolution-plan.ts). */
  resolutionPolicy: ResolutionPolicySchema.default('auto'),
  /** Absent means 'warn'. */
  incompleteSource: IncompleteSourceSchema.optional(),
  /** What this job changes from its preset (app/jobs/settings.ts); absent means none. */
  settings: JobSettingsSchema.optional(),
  /** The dropped folder the input was found in, for the keep-tree folder mode. */
  sourceRoot: z.string().min(1).max(4096).optional(),
});
export type JobSpec = z.infer<typeof JobSpecSchema>;

/** Which decoder turned the source into frames. */
export const DecoderSchema = z.strictObject({
  /** The source codec's decoder, as ffmpeg names it (h264, hevc, vp9, …). */
  codec: z.string().max(64),
  /** The hardware acceleration used (cuda, vaapi, qsv, videotoolbox, d3d11va, …); null: software. */
  hwaccel: z.string().max(32).nullable(),
});
export type Decoder = z.infer<typeof DecoderSchema>;

export const JobSchema = z.object({
  id: z.string(),
  spec: JobSpecSchema,
  status: JobStatusSchema,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Final output path once known (after finalizing, or the existing file when skipped). */
  output: z.string().nullable(),
  outputBytes: z.number().nullable(),
  progress: ProgressSchema.nullable(),
  /** A sentence for a person when the job failed or was cancelled. */
  error: z.string().nullable(),
  /** Notes such as dropped subtitle tracks, skips, retries. */
  warnings: z.array(z.string()),
  attempts: z.number().int().nonnegative(),
  /** Last lines of ffmpeg's diagnostics (bounded). */
  log: z.string(),
  /** How many chunks the video was encoded in, once running (1: one pass). */
  chunks: z.number().int().positive().optional(),
  /** The video decoder that ran, e.g. `h264` (software) or `h264 on cuda` (hardware). */
  decoder: DecoderSchema.optional(),
  /** The farm worker that ran the job (`framewright worker --name`); absent for local runs. */
  worker: z.string().max(200).optional(),
  /** For a chunked farm job, the worker that encoded each chunk, in chunk order. */
  chunkWorkers: z.array(z.string().max(200)).max(64).optional(),
  /** A job with a quality target: the CRF searched, predicted and measured scores and sizes. */
  quality: QualityRecordSchema.optional(),
  /** The output's quality against its source, overall per metric, once measured. */
  metrics: MetricScoresSchema.optional(),
  /** The same per frame (at most METRIC_FRAMES_MAX, spread over the output). */
  metricFrames: MetricFramesSchema.optional(),
  /** True while the saved output is being measured (the "Measuring quality" step). */
  measuring: z.boolean().optional(),
  /**
   * The farm job a `serve --farm` host queued for this job (for a chunked job, its flow's
   * parent; the chunks are `<id>-chunk-N`), kept so a restarted host follows it again.
   */
  farm: z.object({ id: z.string().max(200), route: z.string().max(100) }).optional(),
});
export type Job = z.infer<typeof JobSchema>;
