import { z } from 'zod';
import { SerializedErrorSchema } from '../util/errors';
import { StepSchema } from '../jobs/plan';
import { ProgressSchema } from '../jobs/progress';
import { ProducedSchema } from '../jobs/completeness';
import { FrameStatsBatchSchema } from '../jobs/frame-stats';
import { MediaInfoSchema } from '../media/model';
import { HardwareReportSchema } from '../hardware/model';

// The main ⇄ worker protocol: requests with ids, cancellation, progress events and
// errors as name/message/stack. Both sides validate every message they receive.

export const BinaryInfoSchema = z.object({
  path: z.string(),
  /** Where the path came from: the user's setting, an environment variable, the bundled package, or PATH. */
  source: z.enum(['setting', 'env', 'bundled', 'path']),
  version: z.string(),
  configuration: z.string(),
});
export type BinaryInfo = z.infer<typeof BinaryInfoSchema>;

export const SandboxInfoSchema = z.object({
  kind: z.enum(['bubblewrap', 'none']),
  available: z.boolean(),
  reason: z.string(),
});
export type SandboxInfo = z.infer<typeof SandboxInfoSchema>;

export const ToolchainReportSchema = z.object({
  ffmpeg: BinaryInfoSchema.nullable(),
  ffprobe: BinaryInfoSchema.nullable(),
  /** Sentences for anything missing or odd. */
  problems: z.array(z.string()),
  sandbox: SandboxInfoSchema,
  platform: z.string(),
});
export type ToolchainReport = z.infer<typeof ToolchainReportSchema>;

export const BinarySettingsSchema = z.object({
  ffmpegPath: z.string().max(4096).optional(),
  ffprobePath: z.string().max(4096).optional(),
});
export type BinarySettings = z.infer<typeof BinarySettingsSchema>;

export const ProbeParamsSchema = z.object({
  path: z.string().min(1).max(4096),
  timeoutMs: z.number().int().positive().max(3_600_000),
  /** Also find where the picture size changes (a keyframe scan; in the probe's own run for small files). */
  scanResolution: z.boolean().default(true),
});

export const RunParamsSchema = z.object({
  jobId: z.string().min(1).max(200),
  steps: z.array(StepSchema).min(1).max(1000),
  /** Kill a step that shows no progress for this long. */
  stallTimeoutMs: z.number().int().positive().max(86_400_000),
  /** Steps of one group run at most this many at once. */
  parallelism: z.number().int().min(1).max(64).default(1),
  /** Collect per-frame encoder statistics (-vstats_file on a FIFO). */
  frameStats: z.boolean().default(false),
});
export type RunParams = z.infer<typeof RunParamsSchema>;

export const AnalyzeParamsSchema = z.object({
  path: z.string().min(1).max(4096),
  /** Where the crop samples are spread; null samples the start only. */
  durationSec: z.number().nonnegative().max(1e7).nullable(),
  /** Each ffmpeg run's time limit (and no-progress limit). */
  timeoutMs: z.number().int().positive().max(3_600_000),
});

/** ffmpeg's diagnostics for app/media/analysis.ts: one text per crop sample, and idet's. */
export const AnalyzeRawSchema = z.object({
  crop: z.array(z.string().max(1_000_000)).max(100),
  idet: z.string().max(1_000_000),
});
export type AnalyzeRaw = z.infer<typeof AnalyzeRawSchema>;

export const HardwareParamsSchema = z.object({
  refresh: z.boolean(),
  samplesDir: z.string().min(1).max(4096),
  previous: HardwareReportSchema.nullable(),
});

export const RunResultSchema = z.object({
  log: z.string(),
  /** Per step, what its last progress block reported; null when it reported none. */
  produced: z.array(ProducedSchema.nullable()).default([]),
});
export type RunResult = z.infer<typeof RunResultSchema>;

/** Every method the worker serves, with its params and result schemas. */
export const WORKER_METHODS = {
  configure: { params: BinarySettingsSchema, result: ToolchainReportSchema },
  probe: { params: ProbeParamsSchema, result: MediaInfoSchema },
  run: { params: RunParamsSchema, result: RunResultSchema },
  hardware: { params: HardwareParamsSchema, result: HardwareReportSchema },
  /** cropdetect at several positions and idet from the middle (crop and deinterlace `auto`). */
  analyze: { params: AnalyzeParamsSchema, result: AnalyzeRawSchema },
  /** Available memory where only a program can tell (macOS vm_stat), in bytes. */
  memory: { params: z.object({}), result: z.number().nonnegative() },
} as const;
export type WorkerMethod = keyof typeof WORKER_METHODS;
export type WorkerParams<M extends WorkerMethod> = z.infer<(typeof WORKER_METHODS)[M]['params']>;
export type WorkerResult<M extends WorkerMethod> = z.infer<(typeof WORKER_METHODS)[M]['result']>;

const RequestId = z.number().int().nonnegative();

export const MainToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('request'),
    id: RequestId,
    method: z.enum(['configure', 'probe', 'run', 'hardware', 'analyze', 'memory']),
    params: z.unknown(),
  }),
  z.object({ type: z.literal('cancel'), id: RequestId }),
  z.object({ type: z.literal('shutdown') }),
]);
export type MainToWorker = z.infer<typeof MainToWorkerSchema>;

export const WorkerToMainSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int() }),
  z.object({ type: z.literal('result'), id: RequestId, result: z.unknown() }),
  z.object({ type: z.literal('error'), id: RequestId, error: SerializedErrorSchema }),
  z.object({ type: z.literal('progress'), id: RequestId, progress: ProgressSchema }),
  z.object({ type: z.literal('frame-stats'), id: RequestId, batch: FrameStatsBatchSchema }),
  /** A program's process group started (alive) or ended; the supervisor sweeps live ones if the worker dies. */
  z.object({ type: z.literal('child'), pid: z.number().int().positive(), alive: z.boolean() }),
]);
export type WorkerToMain = z.infer<typeof WorkerToMainSchema>;
