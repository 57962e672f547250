import { z } from 'zod';

/**
 * A job is a plan of one or more program runs. A plain conversion is one ffmpeg step;
 * the dynamic-resolution pipeline adds scan, parallel segment encodes and a join.
 */
export const StepSchema = z.object({
  label: z.string(),
  program: z.enum(['ffmpeg', 'ffprobe']),
  /** Full argument list after the program name: built in app/, run verbatim. */
  args: z.array(z.string()).max(10_000),
  /** Media duration this step processes, for progress; null when unknown. */
  durationSec: z.number().nonnegative().nullable(),
  /** Share of the job's progress bar (relative to the other steps). */
  weight: z.number().positive(),
  /** Files this step writes; removed by the engine on any failure. */
  outputs: z.array(z.string()),
  /** Progress by frames instead of time (steps that keep source timestamps report none). */
  expectedFrames: z.number().positive().nullable().default(null),
  /** The source picture size this step encodes, when it is one size (a reinit segment). */
  sourceSize: z
    .object({ width: z.number().int(), height: z.number().int() })
    .nullable()
    .default(null),
  /** Subtracted from this step's frame times so every step counts from the first frame (copyts steps). */
  timeOffsetSec: z.number().default(0),
  /** What the sandbox lets this step read (files or folders) and write (folders). */
  access: z
    .object({ reads: z.array(z.string()), writes: z.array(z.string()) })
    .default({ reads: [], writes: [] }),
  /**
   * The FIFO (POSIX) or named pipe (Windows) this step's `-vstats_file` names; the worker
   * makes it at exactly this path before the start. Absent when the step has none.
   */
  statsPipe: z.string().max(4096).optional(),
  /** Steps of one group may run at the same time; groups run in order. */
  group: z.number().int().nonnegative().default(0),
});
export type Step = z.infer<typeof StepSchema>;

export const PlanSchema = z.object({
  steps: z.array(StepSchema).min(1),
  warnings: z.array(z.string()),
  /** Small files (concat lists) the engine writes before the steps run, removed after. */
  files: z.array(z.object({ path: z.string(), content: z.string() })).default([]),
  /** Folders the plan's temporary files live in, removed after. */
  workDirs: z.array(z.string()).default([]),
  /** How many chunks the video is encoded in, when it is chunked (absent: not chunked). */
  chunks: z.number().int().min(2).optional(),
});
export type Plan = z.infer<typeof PlanSchema>;
