import { z } from 'zod';
import { JobsAddedSchema } from '../jobs/added';
import { JobSchema, OnExistsSchema, ResolutionPolicySchema } from '../jobs/job';
import { FrameStatsEventSchema } from '../jobs/frame-stats';
import { ProgressSchema } from '../jobs/progress';
import { MediaInfoSchema } from '../media/model';
import { AnalysisSchema, JobSettingsSchema } from '../jobs/settings';
import { PresetSchema } from '../presets/schema';
import { ToolchainReportSchema } from '../worker/protocol';
import { HardwareReportSchema } from '../hardware/model';
import { DiagnosticsInputSchema, DiagnosticsSchema } from './diagnostics';
import { WatchFolderInputSchema, WatchOverviewSchema } from '../watch/model';
import { SettingsSchema } from './settings';

// The api every host serves (Electron IPC, WebSocket, in-process) and every client
// calls. Services have methods and onX events. Each method has an input schema that
// the router validates before anything runs (unknown keys are refused, not ignored),
// and an output schema.

const Paths = z.array(z.string().min(1).max(4096)).min(1).max(100_000);
const Ids = z.array(z.string().min(1).max(200)).min(1).max(100_000);

export const SkippedSchema = z.object({ path: z.string(), reason: z.string() });
export const ProbeOutcomeSchema = z.union([
  z.object({ path: z.string(), ok: z.literal(true), info: MediaInfoSchema }),
  z.object({ path: z.string(), ok: z.literal(false), error: z.string() }),
]);
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>;

const FarmWorkerSchema = z.object({
  name: z.string(),
  host: z.string(),
  /** False: its heartbeat expired (stopped or lost); shown as last seen. */
  online: z.boolean(),
  /** Hardware encoders its matrix passed (ffmpeg names); software encoders work everywhere. */
  encoders: z.array(z.string()),
  /** Its hardware matrix in a sentence. */
  matrix: z.string(),
  concurrency: z.number().int().positive(),
  /** What it runs now: the input file of a job this host queued, else the farm job's id. */
  current: z.array(z.string()),
  /** Jobs it finished since it joined. */
  done: z.number().int().nonnegative(),
  /**
   * Its throughput: jobs and chunks it finished within the last `minutes` this host read
   * its heartbeats (at most 10); null until two readings.
   */
  recent: z.object({ done: z.number().int().nonnegative(), minutes: z.number() }).nullable(),
  heartbeatAt: z.number(),
});
export const FarmStatusSchema = z.object({
  /** The farm's address without its password. */
  label: z.string(),
  workers: z.array(FarmWorkerSchema),
});
export type FarmStatus = z.infer<typeof FarmStatusSchema>;

export const AddJobsInputSchema = z.strictObject({
  /** Files or folders; folders expand recursively, non-media files are skipped. */
  paths: Paths,
  presetId: z.string().min(1).max(200).optional(),
  outDir: z.string().min(1).max(4096).optional(),
  onExists: OnExistsSchema.optional(),
  resolutionPolicy: ResolutionPolicySchema.optional(),
  /** What these jobs change from the preset (tracks, trim, crop, name, folder…). */
  settings: JobSettingsSchema.optional(),
});

/**
 * The ids of the new jobs, in the order of the expanded paths (a file named directly
 * keeps its place; a folder's files follow in name order). The jobs themselves reach
 * clients through `jobs.added` events, sent before this reply: a 10,000-file drop
 * answers ~0.4 MB of ids, not ~4 MB of jobs to parse a second time.
 */
export const AddJobsResultSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(200)),
  skipped: z.array(SkippedSchema),
});

export const QueueStateSchema = z.object({
  /** True while the queue starts jobs; false when paused or never started. */
  running: z.boolean(),
  concurrency: z.number().int().positive(),
  /** A sentence when the scheduler holds back (memory high-water mark). */
  throttled: z.string().nullable(),
});
export type QueueState = z.infer<typeof QueueStateSchema>;

const Id = z.string().min(1).max(200);

export const PreviewRequestSchema = z.strictObject({
  /** Chosen by the caller, so that it can cancel this request. */
  requestId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  jobId: Id,
  /** Settings to preview instead of the job's own (the panel's unsaved edits). */
  settings: JobSettingsSchema.optional(),
  /** Positions of the before/after stills, seconds; default five spread over the source. */
  at: z.array(z.number().min(0).max(1e7)).min(1).max(20).optional(),
  /** Length of the preview clip, seconds (default 10). */
  clipSec: z.number().positive().max(120).optional(),
});

export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

export const PreviewResultSchema = z.object({
  requestId: z.string(),
  /** Each pair: the source frame and the same frame through the job's plan, as PNG file names. */
  stills: z.array(z.object({ atSec: z.number(), before: z.string(), after: z.string() })),
  /** The preview clip encoded with the plan (file name), where it starts and how long it is. */
  clip: z.object({
    file: z.string(),
    startSec: z.number(),
    durationSec: z.number(),
    /** False when a browser's <video> cannot play the preset's format (the stills still show the result). */
    playable: z.boolean().optional(),
  }),
  /** The whole output's size, scaled from the clip. */
  estimatedBytes: z.number().nonnegative(),
  /** Where the files are on this machine (the hosts serve them from there). */
  folder: z.string(),
});
export type PreviewResult = z.infer<typeof PreviewResultSchema>;

export const ProgressEventSchema = z.object({ id: z.string(), progress: ProgressSchema });

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({
  input,
  output,
});
const none = z.void();

export const API = {
  media: {
    probe: method(z.strictObject({ paths: Paths }), z.array(ProbeOutcomeSchema)),
  },
  jobs: {
    list: method(none, z.array(JobSchema)),
    add: method(AddJobsInputSchema, AddJobsResultSchema),
    start: method(none, QueueStateSchema),
    pause: method(none, QueueStateSchema),
    queueState: method(none, QueueStateSchema),
    cancel: method(z.strictObject({ ids: Ids }), none),
    retry: method(z.strictObject({ ids: Ids }), none),
    remove: method(z.strictObject({ ids: Ids }), none),
    clearFinished: method(none, none),
    /** The probe of a job's input (cached from probing, or probed now). */
    inspect: method(z.strictObject({ id: z.string().min(1).max(200) }), ProbeOutcomeSchema),
    /** Replaces the settings of jobs that have not started (waiting, failed, cancelled). */
    setSettings: method(z.strictObject({ ids: Ids, settings: JobSettingsSchema }), none),
    /** Detected crop and interlacing of a job's input (cached once found), for `auto` and the panel. */
    analyze: method(z.strictObject({ id: Id }), AnalysisSchema),
  },
  preview: {
    /** Before/after stills and a short clip through the job's real plan; never blocks the queue. */
    make: method(PreviewRequestSchema, PreviewResultSchema),
    cancel: method(z.strictObject({ requestId: z.string().max(64) }), none),
  },
  presets: {
    list: method(none, z.array(PresetSchema)),
    /** The exact ffmpeg argument list a preset would run for a job (or a sample input). */
    commandFor: method(
      z.strictObject({
        presetId: z.string().min(1).max(200),
        jobId: z.string().max(200).optional(),
        /** Settings to show instead of the job's own (the panel's unsaved edits). */
        settings: JobSettingsSchema.optional(),
      }),
      z.array(z.string()),
    ),
    /** Saves a user preset (new, or replacing a user preset of that id); built-in ids are refused. */
    save: method(z.strictObject({ preset: z.unknown() }), PresetSchema),
    import: method(z.strictObject({ json: z.string().max(100_000) }), PresetSchema),
    export: method(z.strictObject({ id: z.string().min(1).max(200) }), z.string()),
    remove: method(z.strictObject({ id: z.string().min(1).max(200) }), none),
  },
  settings: {
    get: method(none, SettingsSchema),
    set: method(SettingsSchema.partial().strict(), SettingsSchema),
  },
  system: {
    doctor: method(none, ToolchainReportSchema),
    /** "Copy diagnostics": versions, doctor, hardware, crash reports and the last log lines, secrets removed. */
    diagnostics: method(DiagnosticsInputSchema, DiagnosticsSchema),
  },
  farm: {
    /** The farm this host runs its jobs in, with its workers; null when it runs them itself. */
    status: method(none, FarmStatusSchema.nullable()),
  },
  hardware: {
    /** The capability matrix: cached per ffmpeg build and driver; `refresh` tests again. */
    inspect: method(z.strictObject({ refresh: z.boolean().default(false) }), HardwareReportSchema),
    /** The last tested matrix, without testing anything; null before the first test here. */
    saved: method(none, HardwareReportSchema.nullable()),
  },
  watch: {
    /** The watch folders with their status (watching, vanished, disabled) and counts. */
    list: method(none, WatchOverviewSchema),
    /** Adds a folder (no id) or replaces one; the folder must exist. */
    save: method(z.strictObject({ folder: WatchFolderInputSchema }), WatchOverviewSchema),
    remove: method(z.strictObject({ id: Id }), WatchOverviewSchema),
  },
} as const;

export const API_EVENTS = {
  jobs: {
    /**
     * New jobs, compactly (app/jobs/added.ts), up to 1,000 in one event: a 10,000-file
     * drop is ten events, not 10,000 updates. Each job's later changes come as `update`.
     */
    added: JobsAddedSchema,
    /** A job changed (status, output, error); not sent for progress alone, nor when added. */
    update: JobSchema,
    removed: z.object({ ids: z.array(z.string()) }),
    /** Batched: at most about 10 per second per job. */
    progress: ProgressEventSchema,
    /** Per-frame encoder statistics, batched about every 100 ms (never per frame). */
    frameStats: FrameStatsEventSchema,
    queueState: QueueStateSchema,
  },
  presets: { changed: z.array(PresetSchema) },
  settings: { changed: SettingsSchema },
  /** A watch folder was saved or removed, or its status or counts changed. */
  watch: { changed: WatchOverviewSchema },
} as const;

type ApiTable = typeof API;
type EventTable = typeof API_EVENTS;
export type ServiceName = keyof ApiTable;
export type MethodName<S extends ServiceName> = keyof ApiTable[S] & string;

type MethodOf<S extends ServiceName, M extends MethodName<S>> = ApiTable[S][M] extends {
  input: infer I extends z.ZodType;
  output: infer O extends z.ZodType;
}
  ? z.input<I> extends void
    ? () => Promise<z.output<O>>
    : (input: z.input<I>) => Promise<z.output<O>>
  : never;

type EventName<S> = S extends string ? `on${Capitalize<S>}` : never;
type EventsOf<S extends keyof EventTable> = {
  [E in keyof EventTable[S] as EventName<E>]: EventTable[S][E] extends z.ZodType
    ? (listener: (payload: z.output<EventTable[S][E]>) => void) => () => void
    : never;
};

/** The typed api: `api.jobs.add({...})`, `api.jobs.onUpdate(listener)` returning an unsubscribe. */
export type FramewrightApi = {
  [S in ServiceName]: { [M in MethodName<S>]: MethodOf<S, M> } & (S extends keyof EventTable
    ? EventsOf<S>
    : unknown);
};

/** Wire messages shared by the WebSocket and IPC transports. */
export const CallMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  service: z.string().max(50),
  method: z.string().max(50),
  /** Absent for methods without input (JSON drops undefined). */
  input: z.unknown().optional(),
});
export const ReplyMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), output: z.unknown().optional() }),
  z.object({
    type: z.literal('error'),
    id: z.number().int(),
    error: z.object({ name: z.string(), message: z.string() }),
  }),
  z.object({
    type: z.literal('event'),
    service: z.string(),
    event: z.string(),
    payload: z.unknown(),
  }),
]);
export type CallMessage = z.infer<typeof CallMessageSchema>;
export type ReplyMessage = z.infer<typeof ReplyMessageSchema>;
