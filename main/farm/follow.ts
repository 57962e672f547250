import { Job as BullJob, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FrameStatsEvent } from '../../app/jobs/frame-stats';
import { JobSchema, type Job } from '../../app/jobs/job';
import type { Progress } from '../../app/jobs/progress';
import { explainFailure } from './chunk-failure';
import { FARM_PREFIX, lastingOptions, type FarmUrl } from './connection';
import { describeRoute, FarmUpdateSchema, GENERAL_ROUTE } from './payload';
import { HEARTBEAT_MS, listWorkers } from './registry';
import type { Submitted } from './submit';

// Following farm jobs to their end with BullMQ's QueueEvents: the worker's job updates,
// progress and frame statistics as they come, the result or the failure at the end.
// A job waiting for hardware no worker online has is reported once, with the reason.

export interface FollowHandlers {
  job: (job: Job, finished: boolean) => void;
  progress: (event: { id: string; progress: Progress }) => void;
  frameStats: (event: FrameStatsEvent) => void;
  /** A sentence about the run: waiting for a capable worker, a job given to another. */
  note: (event: { type: string; id?: string; message: string }) => void;
}

/** A returned value as BullMQ hands it over (already parsed, or JSON text). */
function asJob(value: unknown): Job | null {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const parsed = JobSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export async function followJobs(
  farm: FarmUrl,
  client: Redis,
  targets: readonly Submitted[],
  handlers: FollowHandlers,
  /** Stops following (the jobs not ended yet come back as they were last seen). */
  signal?: AbortSignal,
): Promise<Job[]> {
  const latest = new Map(targets.map((t) => [t.id, t.job]));
  const finished = new Map<string, Job>();
  const routes = [...new Set(targets.map((t) => t.route))];
  const connection = lastingOptions(farm);
  const events = routes.map((route) => new QueueEvents(route, { connection, prefix: FARM_PREFIX }));
  const queues = routes.map((route) => new Queue(route, { connection, prefix: FARM_PREFIX }));
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const stop = (): void => allDone();
  signal?.addEventListener('abort', stop, { once: true });

  const finish = (id: string, job: Job): void => {
    if (finished.has(id) || !latest.has(id)) return;
    finished.set(id, job);
    handlers.job(job, true);
    if (finished.size === latest.size) allDone();
  };
  const failed = (id: string, reason: string): void => {
    const last = latest.get(id);
    if (last === undefined) return;
    finish(id, {
      ...last,
      status: 'failed',
      progress: null,
      error: reason,
      finishedAt: Date.now(),
    });
  };
  // Connections retry by themselves (a Redis restart); say so once per outage.
  let down = false;
  const lost = (error: Error): void => {
    if (down) return;
    down = true;
    handlers.note({
      type: 'reconnecting',
      message: `Lost Redis (${error.message}); reconnecting.`,
    });
  };
  for (const queue of queues) queue.on('error', lost);
  for (const source of events) {
    source.on('error', lost);
    source.on('progress', ({ jobId, data }) => {
      down = false;
      if (!latest.has(jobId) || finished.has(jobId)) return;
      const update = FarmUpdateSchema.safeParse(data);
      if (!update.success) return;
      const u = update.data;
      if (u.type === 'job') {
        latest.set(jobId, u.job);
        handlers.job(u.job, false);
      } else if (u.type === 'progress') {
        const last = latest.get(jobId);
        if (last !== undefined) latest.set(jobId, { ...last, progress: u.progress });
        handlers.progress({ id: jobId, progress: u.progress });
      } else handlers.frameStats({ id: jobId, ...u.batch });
    });
    source.on('completed', ({ jobId, returnvalue }) => {
      const job = asJob(returnvalue);
      if (job !== null) finish(jobId, job);
      else failed(jobId, 'The worker sent back a result that is not a valid job.');
    });
    source.on(
      'failed',
      ({ jobId, failedReason }) =>
        void explainFailure(farm, failedReason).then((reason) => failed(jobId, reason)),
    );
    source.on('stalled', ({ jobId }) => {
      if (latest.has(jobId))
        handlers.note({
          type: 'stalled',
          id: jobId,
          message: `${latest.get(jobId)?.spec.input ?? jobId}: its worker stopped answering; the job goes to another worker.`,
        });
    });
  }
  await Promise.all(events.map((e) => e.waitUntilReady()));

  // What ended before we listened (or while this host was away), and any end whose event
  // was missed (QueueEvents reads the stream from when it starts), is read back: once now,
  // then on every tick. The state first, then the record: a job read before it ended has
  // no result or reason yet.
  const readBack = async (): Promise<void> => {
    for (const target of targets) {
      if (finished.has(target.id)) continue;
      const queue = queues[routes.indexOf(target.route)];
      if (queue === undefined) continue;
      const state = await queue.getJobState(target.id);
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
      const bull = await BullJob.fromId(queue, target.id);
      if (bull === undefined || state === 'unknown')
        failed(target.id, 'The job is no longer in the farm.');
      else if (state === 'completed') finish(target.id, asJob(bull.returnvalue) ?? target.job);
      else
        failed(
          target.id,
          await explainFailure(farm, bull.failedReason ?? 'The job failed in the farm.'),
        );
    }
  };
  await readBack();

  // Queues nobody online serves: say why the job waits, once per queue, until one joins.
  const told = new Set<string>();
  const waitingFor = async (): Promise<void> => {
    const pending = targets.filter(
      (t) => !finished.has(t.id) && latest.get(t.id)?.status === 'queued',
    );
    if (pending.length === 0) return;
    const online = await listWorkers(client).catch(() => null);
    if (online === null) return;
    for (const t of pending) {
      if (told.has(t.route) || online.some((w) => w.routes.includes(t.route))) continue;
      told.add(t.route);
      handlers.note({
        type: 'waiting',
        id: t.id,
        message:
          t.route === GENERAL_ROUTE
            ? 'Waiting: no worker is online in this farm; the jobs start when one joins.'
            : `Waiting: no worker online can encode with ${describeRoute(t.route)} (the preset asks for that hardware); the job starts when one joins.`,
      });
    }
  };
  const timer = setInterval(() => {
    void waitingFor();
    void readBack().catch(() => undefined);
  }, HEARTBEAT_MS);
  const open = (): boolean => finished.size < latest.size && signal?.aborted !== true;
  if (open()) await Promise.race([waitingFor(), done]);
  try {
    if (open()) await done;
  } finally {
    signal?.removeEventListener('abort', stop);
    clearInterval(timer);
    await Promise.all([...events, ...queues].map((e) => e.close()));
  }
  return targets.map((t) => finished.get(t.id) ?? latest.get(t.id) ?? t.job);
}
