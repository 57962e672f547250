import { z } from 'zod';
import { SOFTWARE_CODEC } from '../../app/hardware/encoder-args';
import { BACKEND_INFO } from '../../app/hardware/backends';
import {
  BackendSchema,
  CODEC_LABEL,
  HwCodecSchema,
  type HardwareReport,
} from '../../app/hardware/model';
import { FrameStatsBatchSchema } from '../../app/jobs/frame-stats';
import { JobSchema, JobSpecSchema } from '../../app/jobs/job';
import { MediaInfoSchema } from '../../app/media/model';
import { ProgressSchema } from '../../app/jobs/progress';
import type { Preset } from '../../app/presets/schema';

// What crosses Redis, validated on both sides: the job a submitter queues, the updates a
// worker reports while running it, and the queue (route) it waits in.

/** A chunked job (a BullMQ flow): decided at submit time, the same on every machine. */
const ChunkedSchema = z.strictObject({
  /** The temporary output name; its `.parts` folder holds the chunks. */
  temp: z.string().min(1).max(4096),
  /** Chunks asked for; the planner may make fewer. */
  count: z.number().int().min(2).max(64),
  /** Each chunk's first source timestamp, as the submitter's planner chose them. */
  bounds: z.array(z.number().int()).min(2).max(64),
  /**
   * The submitter's probe of the input, keyframes included: a worker that finds the file
   * unchanged (size and modification time) plans from it instead of reading the file again.
   */
  probe: MediaInfoSchema.optional(),
});

/** A farm job: the engine's spec and preset, with the final output decided at submit time. */
export const FarmJobSchema = z.strictObject({
  spec: JobSpecSchema,
  /** Checked with the preset schema (app/presets/schema.ts) at the worker. */
  preset: z.unknown(),
  /** The output's final path, in the submitter's paths. */
  final: z.string().min(1).max(4096),
  chunked: ChunkedSchema.optional(),
});
export type FarmJob = z.infer<typeof FarmJobSchema>;

/** One chunk of a chunked job: the job itself (checked like any job) plus which chunk. */
export const FarmChunkSchema = z.strictObject({
  job: z.unknown(),
  index: z.number().int().min(0).max(63),
});

/** BullMQ job names of a chunked job's flow: each chunk (child) and the join (parent). */
export const CHUNK_JOB = 'chunk';
export const JOIN_JOB = 'join';

/** What a worker reports while running a job (BullMQ progress data). */
export const FarmUpdateSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('job'), job: JobSchema }),
  z.strictObject({ type: z.literal('progress'), progress: ProgressSchema }),
  z.strictObject({ type: z.literal('frame-stats'), batch: FrameStatsBatchSchema }),
]);
export type FarmUpdate = z.infer<typeof FarmUpdateSchema>;

/** The queue every worker takes jobs from. */
export const GENERAL_ROUTE = 'jobs';
/** The queue every worker takes chunk encodes from (software encoders only). */
export const CHUNK_ROUTE = 'chunks';

/** A hardware queue: one backend and codec (`hw-nvidia-h264`). */
function hardwareRoute(backend: string, codec: string): string {
  return `hw-${backend}-${codec}`;
}

/**
 * The queue for a preset: one that names a hardware backend goes only to workers whose
 * matrix passed that encoder; software and `auto` (hardware when it works) go anywhere.
 */
export function routeFor(preset: Preset): string {
  if (preset.hardware === 'off' || preset.hardware === 'auto' || typeof preset.video !== 'object')
    return GENERAL_ROUTE;
  const codec = SOFTWARE_CODEC[preset.video.codec];
  return codec === null ? GENERAL_ROUTE : hardwareRoute(preset.hardware, codec);
}

/** The queues a worker may take from: the general one plus each encoder its matrix passed. */
export function routesOf(report: HardwareReport | null): string[] {
  const passed = (report?.cells ?? []).filter(
    (c) => c.direction === 'encode' && c.status === 'available',
  );
  return [GENERAL_ROUTE, CHUNK_ROUTE, ...passed.map((c) => hardwareRoute(c.backend, c.codec))];
}

/** "NVIDIA NVENC / NVDEC (CUDA) H.264" from `hw-nvidia-h264`, for the waiting sentence. */
export function describeRoute(route: string): string {
  const [, backend, codec] = route.split('-');
  const b = BackendSchema.safeParse(backend);
  const c = HwCodecSchema.safeParse(codec);
  return b.success && c.success ? `${BACKEND_INFO[b.data].label} ${CODEC_LABEL[c.data]}` : route;
}
