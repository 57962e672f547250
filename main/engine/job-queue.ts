import { randomUUID } from 'node:crypto';
import { ADDED_CHUNK, newJob } from '../../app/jobs/added';
import type { Job, JobSpec } from '../../app/jobs/job';
import type { Analysis, JobSettings } from '../../app/jobs/settings';
import type { FrameStatsEvent } from '../../app/jobs/frame-stats';
import type { Progress } from '../../app/jobs/progress';
import { isTerminal, transition, type JobStatus } from '../../app/jobs/state';
import type { MatrixSource } from './host-plan';
import type { MediaInfo } from '../../app/media/model';
import { UserFacingError } from '../../app/util/errors';
import { Emitter } from './emitter';
import type { PresetStore } from './presets';
import { ProbeAhead } from './probe-ahead';
import { probeRequest } from './probe-reuse';
import { runJob, type JobContext } from './run-job';
import { defaultConcurrency, memoryPressure } from './scheduler';
import { WorkerCrashedError, type WorkerSupervisor } from './supervisor';

// The queue: owns every job, moves it only through legal transitions, starts at most
// `concurrency` at once, holds back under memory pressure, and batches progress to
// about 10 events per second per job.

const PROGRESS_INTERVAL_MS = 100;
/** ffmpeg diagnostics kept per job (the tail, where the reason is); saved with the queue. */
const JOB_LOG_LIMIT = 16 * 1024;
/** A finished job keeps less: its log matters only when something went wrong. */
const DONE_LOG_LIMIT = 2 * 1024;
/** Probe and analysis results kept per job; older ones are found again on demand. */
const PROBE_CACHE_SIZE = 256;
const MEMORY_RECHECK_MS = 2000;
/** Tries per job when the worker itself crashes (the second one re-queues once). */
const MAX_ATTEMPTS_ON_CRASH = 2;

export interface QueueOptions {
  supervisor: WorkerSupervisor;
  presets: PresetStore;
  concurrency: () => number;
  stallTimeoutMs: () => number;
  memoryCheck?: () => string | null;
  hardware: MatrixSource;
  /** The analysis of a job's source, for settings that say `auto` (crop, deinterlace). */
  analyze: (id: string, info: MediaInfo, signal: AbortSignal) => Promise<Analysis>;
  /** Runs one job to its end (default: here, with the local worker; a farm host passes its own). */
  runner?: JobRunner;
}

export type JobRunner = (ctx: JobContext) => Promise<void>;

/** Statuses whose settings may still change: nothing of the job has run (or it will run again). */
const UNSTARTED: ReadonlySet<JobStatus> = new Set(['queued', 'failed', 'cancelled']);

/** Keeps a result, forgetting the oldest beyond the cache size (a Map keeps insertion order). */
function keepBounded<T>(map: Map<string, T>, id: string, value: T): void {
  map.delete(id);
  map.set(id, value);
  while (map.size > PROBE_CACHE_SIZE) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

export class JobQueue {
  /** New jobs, in order, at most ADDED_CHUNK per event; later changes come as `updated`. */
  readonly added = new Emitter<Job[]>();
  readonly updated = new Emitter<Job>();
  readonly removed = new Emitter<{ ids: string[] }>();
  readonly progressed = new Emitter<{ id: string; progress: Progress }>();
  readonly frameStats = new Emitter<FrameStatsEvent>();
  readonly stateChanged = new Emitter<void>();
  readonly finished = new Emitter<Job>();
  /** A launched job let go of its slot (after its cleanup ran). */
  private readonly released = new Emitter<string>();
  /** The last running job let go of its slot and nothing else started. */
  readonly drained = new Emitter<void>();

  private readonly jobs = new Map<string, Job>();
  private readonly active = new Map<string, AbortController>();
  private readonly probes = new Map<string, MediaInfo>();
  private readonly analyses = new Map<string, Analysis>();
  /** Probes of the next queued jobs, taken while the running ones encode. */
  private readonly ahead: ProbeAhead;
  readonly temps = new Set<string>();
  private readonly dirtyProgress = new Set<string>();
  private progressTimer: NodeJS.Timeout | null = null;
  private memoryTimer: NodeJS.Timeout | null = null;
  running = false;
  throttled: string | null = null;

  constructor(private readonly options: QueueOptions) {
    this.ahead = new ProbeAhead(options.supervisor);
  }

  list(): Job[] {
    return [...this.jobs.values()];
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  rememberProbe(id: string, info: MediaInfo): void {
    if (this.jobs.has(id)) keepBounded(this.probes, id, info);
  }

  probeOf(id: string): MediaInfo | undefined {
    return this.probes.get(id);
  }

  rememberAnalysis(id: string, analysis: Analysis): void {
    if (this.jobs.has(id)) keepBounded(this.analyses, id, analysis);
  }

  analysisOf(id: string): Analysis | undefined {
    return this.analyses.get(id);
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** Restores jobs from disk; those that were mid-flight are queued again. */
  restore(saved: Job[]): void {
    for (const job of saved) {
      const interrupted = !isTerminal(job.status) && job.status !== 'queued';
      this.jobs.set(
        job.id,
        interrupted
          ? {
              ...job,
              status: 'queued',
              progress: null,
              warnings: [
                ...job.warnings,
                'Re-queued: Framewright stopped while this job was running.',
              ],
            }
          : job,
      );
    }
  }

  add(specs: JobSpec[]): Job[] {
    const createdAt = Date.now();
    const added = specs.map((spec) => newJob(randomUUID(), spec, createdAt));
    for (const job of added) this.jobs.set(job.id, job);
    for (let i = 0; i < added.length; i += ADDED_CHUNK)
      this.added.emit(added.slice(i, i + ADDED_CHUNK));
    this.pump();
    return added;
  }

  /**
   * Replaces the settings of jobs that have not started, one `updated` each; refuses
   * the whole change when one of them has started or is gone.
   */
  setSettings(ids: readonly string[], settings: JobSettings): void {
    const jobs = ids.map((id) => this.jobs.get(id));
    if (jobs.some((job) => job === undefined))
      throw new UserFacingError('That job is no longer in the queue.', 'no-job');
    if (jobs.some((job) => job !== undefined && !UNSTARTED.has(job.status)))
      throw new UserFacingError(
        'The settings of a job that has started or finished cannot change; cancel it or convert the file again.',
        'job-started',
      );
    for (const job of jobs) {
      if (job === undefined) continue;
      const next: Job = { ...job, spec: { ...job.spec, settings } };
      this.jobs.set(job.id, next);
      this.updated.emit(next);
    }
  }

  start(): void {
    this.running = true;
    this.stateChanged.emit();
    this.pump();
  }

  pause(): void {
    this.running = false;
    this.stateChanged.emit();
  }

  cancel(ids: readonly string[]): void {
    for (const id of ids) {
      const job = this.jobs.get(id);
      if (job === undefined || isTerminal(job.status)) continue;
      const controller = this.active.get(id);
      if (controller !== undefined) controller.abort();
      else this.move(id, 'cancelled', { error: 'Cancelled.', finishedAt: Date.now() });
    }
    this.ahead.drop(ids);
  }

  retry(ids: readonly string[]): void {
    for (const id of ids) {
      const job = this.jobs.get(id);
      if (job === undefined || (job.status !== 'failed' && job.status !== 'cancelled')) continue;
      this.move(id, 'queued', {
        error: null,
        progress: null,
        finishedAt: null,
        startedAt: null,
        output: null,
        outputBytes: null,
      });
    }
    this.pump();
  }

  /**
   * Takes jobs out of the queue: one `removed` event, no `update` per job (removing
   * 10,000 queued jobs is one small event). A running job is stopped first: its
   * process ends and its temp files go as it settles, and since it is no longer in the
   * queue by then, it sends nothing more.
   */
  remove(ids: readonly string[]): void {
    const gone: string[] = [];
    for (const id of ids) {
      if (!this.jobs.has(id)) continue;
      this.active.get(id)?.abort();
      this.ahead.drop([id]);
      this.jobs.delete(id);
      this.probes.delete(id);
      this.analyses.delete(id);
      this.dirtyProgress.delete(id);
      gone.push(id);
    }
    if (gone.length > 0) this.removed.emit({ ids: gone });
  }

  clearFinished(): void {
    this.remove(
      this.list()
        .filter((j) => j.status === 'done')
        .map((j) => j.id),
    );
  }

  private move(id: string, status: JobStatus, changes: Partial<Job> = {}): Job {
    const job = this.jobs.get(id);
    if (job === undefined) throw new Error(`Unknown job ${id}.`);
    const next: Job = { ...job, ...changes, status: transition(job.status, status) };
    const limit = status === 'done' ? DONE_LOG_LIMIT : JOB_LOG_LIMIT;
    if (next.log.length > limit) next.log = `[earlier output trimmed]\n${next.log.slice(-limit)}`;
    this.jobs.set(id, next);
    this.updated.emit(next);
    if (isTerminal(status)) this.finished.emit(next);
    return next;
  }

  /**
   * Starts queued jobs while there is room (docs/ARCHITECTURE.md, Rules 2, 8), and
   * probes the next `concurrency` queued jobs meanwhile.
   */
  pump(): void {
    if (!this.running) return;
    const limit = this.options.concurrency();
    let next = 0;
    for (const job of this.jobs.values()) {
      if (job.status !== 'queued') continue;
      if (this.active.size >= limit) {
        this.probeAhead(job, limit);
        if (++next >= limit) return;
        continue;
      }
      let pressure: string | null;
      try {
        pressure = (this.options.memoryCheck ?? memoryPressure)();
      } catch (error) {
        this.failUnexpectedly(job.id, error);
        continue;
      }
      if (pressure !== this.throttled) {
        this.throttled = pressure;
        this.stateChanged.emit();
      }
      if (pressure !== null) {
        this.memoryTimer ??= setTimeout(() => {
          this.memoryTimer = null;
          this.pump();
        }, MEMORY_RECHECK_MS);
        return;
      }
      this.launch(job);
    }
  }

  /** Probes a queued job before its turn, unless a probe of it is kept or `limit` are held. */
  private probeAhead(job: Job, limit: number): void {
    if (this.ahead.has(job.id) || this.probes.has(job.id)) return;
    const preset = this.options.presets.get(job.spec.presetId);
    if (preset === undefined) return;
    this.ahead.start(
      job.id,
      probeRequest(job.spec.input, preset, this.options.stallTimeoutMs()),
      limit,
    );
  }

  private launch(job: Job): void {
    const controller = new AbortController();
    this.active.set(job.id, controller);
    // Started inside the executor, so a synchronous throw becomes this job's failure too.
    const work = new Promise<void>((resolve) => {
      const preset = this.options.presets.get(job.spec.presetId);
      if (preset === undefined)
        throw new Error(`The preset "${job.spec.presetId}" no longer exists.`);
      resolve(
        (this.options.runner ?? runJob)({
          job,
          signal: controller.signal,
          stallTimeoutMs: this.options.stallTimeoutMs(),
          supervisor: this.options.supervisor,
          preset,
          temps: this.temps,
          move: (status, changes) => this.move(job.id, status, changes),
          progress: (progress) => this.queueProgress(job.id, progress),
          probed: (info) => keepBounded(this.probes, job.id, info),
          cachedProbe: () => this.ahead.take(job.id, controller.signal) ?? this.probes.get(job.id),
          note: (warning) => this.annotate(job.id, warning),
          update: (changes) => this.patch(job.id, changes),
          frameStats: (batch) => this.frameStats.emit({ id: job.id, ...batch }),
          parallelism: () => Math.max(1, this.options.concurrency() - this.active.size + 1),
          hardware: this.options.hardware,
          analyze: (info) => this.options.analyze(job.id, info, controller.signal),
        }),
      );
    });
    work
      .catch((error: unknown) => this.settleFailure(job.id, error, controller.signal.aborted))
      .catch((error: unknown) => this.failUnexpectedly(job.id, error))
      .finally(() => {
        this.active.delete(job.id);
        this.dirtyProgress.delete(job.id);
        this.released.emit(job.id);
        this.pump();
        if (this.active.size === 0) this.drained.emit();
      })
      .catch((error: unknown) => {
        console.error('[framewright] the queue could not move on after a job ended:', error);
      });
  }

  /** The last resort: whatever went wrong around a job, it ends failed with a sentence. */
  private failUnexpectedly(id: string, error: unknown): void {
    const job = this.jobs.get(id);
    if (job === undefined || isTerminal(job.status)) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.move(id, 'failed', {
      finishedAt: Date.now(),
      progress: null,
      error: `Framewright met an unexpected problem with this job: ${reason}`,
    });
  }

  private settleFailure(id: string, error: unknown, cancelled: boolean): void {
    const job = this.jobs.get(id);
    if (job === undefined || isTerminal(job.status)) return;
    const message = error instanceof Error ? error.message : String(error);
    const log = (error as { log?: unknown }).log;
    const changes: Partial<Job> = {
      finishedAt: Date.now(),
      progress: null,
      ...(typeof log === 'string' ? { log } : {}),
    };
    if (cancelled) {
      this.move(id, 'cancelled', { ...changes, error: 'Cancelled.' });
    } else if (error instanceof WorkerCrashedError && job.attempts < MAX_ATTEMPTS_ON_CRASH) {
      this.move(id, 'queued', {
        progress: null,
        warnings: [...job.warnings, `${message} The job was queued again.`],
      });
    } else {
      this.move(id, 'failed', { ...changes, error: message });
    }
  }

  private annotate(id: string, warning: string): void {
    const job = this.jobs.get(id);
    if (job === undefined) return;
    const next = { ...job, warnings: [...job.warnings, warning] };
    this.jobs.set(id, next);
    this.updated.emit(next);
  }

  /** Changes a job's record without moving it (a step inside its status). */
  private patch(id: string, changes: Partial<Job>): void {
    const job = this.jobs.get(id);
    if (job === undefined || isTerminal(job.status)) return;
    const next = { ...job, ...changes, status: job.status };
    this.jobs.set(id, next);
    this.updated.emit(next);
  }

  private queueProgress(id: string, progress: Progress): void {
    const job = this.jobs.get(id);
    if (job === undefined) return;
    this.jobs.set(id, { ...job, progress });
    this.dirtyProgress.add(id);
    this.progressTimer ??= setTimeout(() => this.flushProgress(), PROGRESS_INTERVAL_MS);
  }

  private flushProgress(): void {
    this.progressTimer = null;
    for (const id of this.dirtyProgress) {
      const progress = this.jobs.get(id)?.progress;
      if (progress) this.progressed.emit({ id, progress });
    }
    this.dirtyProgress.clear();
  }

  /** Cancels everything running and waits until each job has settled. */
  async cancelAll(): Promise<void> {
    this.running = false;
    this.ahead.drop();
    const settling = [...this.active.keys()];
    const allReleased = new Promise<void>((resolve) => {
      const check = (): void => {
        if (settling.every((id) => !this.active.has(id))) {
          off();
          resolve();
        }
      };
      const off = this.released.on(check);
      check();
    });
    this.cancel(settling);
    await allReleased;
    if (this.progressTimer) clearTimeout(this.progressTimer);
    if (this.memoryTimer) clearTimeout(this.memoryTimer);
    this.progressTimer = this.memoryTimer = null;
  }
}

export { defaultConcurrency };
