import type { Redis } from 'ioredis';
import type { Job } from '../../app/jobs/job';
import type { JobStatus } from '../../app/jobs/state';
import type { JobRunner } from '../engine/job-queue';
import { cancelFarmJob } from './cancel';
import type { FarmUrl } from './connection';
import { followJobs } from './follow';
import { routeFor } from './payload';
import { inFarm, submitOne, type FarmRef } from './runner-submit';

// `serve --farm`: the host's queue runs each job in the farm. The job is probed here and
// its output named here (as `convert --farm` does), queued (a chunked job as a flow), and
// followed: the worker's status, progress, frame statistics, warnings and end come back
// onto the local job. Cancelling the local job cancels the farm job. The farm id is saved
// on the job first, so a host that stops or dies follows the same farm job at its next
// start instead of queueing the job again.

/** How long a cancel waits for the worker to confirm it stopped the job. */
const CANCEL_WAIT_MS = 10_000;

/**
 * The forward order shown while the farm job runs; a farm job seen going back (another
 * delivery) is not shown. Its `finalizing` shows at the end, so a leaving host can still
 * put the job back in its queue.
 */
const ORDER: readonly JobStatus[] = ['probing', 'running'];

/** What the host shares with its runner. */
export interface FarmHost {
  /** Each farm job this host follows now, by farm id, with its input (for the Farm view). */
  running: Map<string, string>;
  /** The host is stopping: farm jobs keep running, and are followed again at its next start. */
  leaving: boolean;
}

export function farmRunner(farm: FarmUrl, client: Redis, host: FarmHost): JobRunner {
  const run = runOnFarm(farm, client, host);
  return async (ctx) => {
    let started = false;
    try {
      await run({
        ...ctx,
        move: (status, changes) => {
          started = true;
          ctx.move(status, changes);
        },
      });
    } catch (error) {
      if (!ctx.signal.aborted || !host.leaving) throw error;
      // The host stops: the job goes back to its queue as it is saved (with its farm id,
      // once queued there), and the next start follows the farm job again.
      if (started) ctx.move('queued', { progress: null });
    }
  };
}

function runOnFarm(farm: FarmUrl, client: Redis, host: FarmHost): JobRunner {
  return async (ctx) => {
    const { job, signal } = ctx;
    // Started before (its startedAt kept) and still in the farm: follow it again.
    const saved = job.farm !== undefined && job.startedAt !== null ? job.farm : undefined;
    const there = saved === undefined ? null : await inFarm(farm, saved);
    let ref: FarmRef | null;
    if (saved !== undefined && there !== null) {
      ref = saved;
      ctx.move('probing', { error: null, progress: null });
    } else {
      // One id per attempt: should the host die before the saved state holds it, the same
      // attempt queued again finds the farm job there (BullMQ adds an id once) and follows it.
      const id = `${job.id}-${job.attempts + 1}`;
      ref = await submitOne(ctx, farm, client, { id, route: routeFor(ctx.preset) });
      if (ref === null) return;
    }
    const { id, route } = ref;

    let status: JobStatus = 'probing';
    let worker: string | undefined;
    let seenWarnings = 0;
    const advance = (to: JobStatus, changes: Partial<Job>): void => {
      const from = ORDER.indexOf(status);
      for (const next of ORDER.slice(from + 1, ORDER.indexOf(to) + 1)) {
        ctx.move(next, next === to ? changes : { worker });
        status = next;
      }
    };
    // Followed again while a worker runs it: shown running there at once.
    if (there?.running === true) {
      worker = there.worker;
      advance('running', { worker });
    }
    const take = (remote: Job): void => {
      if (remote.worker !== undefined) worker = remote.worker;
      for (const warning of remote.warnings.slice(seenWarnings)) ctx.note(warning);
      seenWarnings = Math.max(seenWarnings, remote.warnings.length);
    };

    const stop = new AbortController();
    const cancel = (): void => {
      if (host.leaving) {
        stop.abort();
        return;
      }
      const settle = setTimeout(() => stop.abort(), CANCEL_WAIT_MS);
      void cancelFarmJob(farm, client, route, id)
        .then((gone) => gone && stop.abort())
        .catch(() => stop.abort())
        .finally(() => settle.unref());
    };
    signal.addEventListener('abort', cancel, { once: true });
    if (signal.aborted) cancel();
    host.running.set(id, job.spec.input);
    let ended: Job | undefined;
    try {
      [ended] = await followJobs(
        farm,
        client,
        [{ id, route, job: { ...job, id } }],
        {
          job: (remote, finished) => {
            take(remote);
            const to = remote.status === 'finalizing' ? 'running' : remote.status;
            if (!finished && ORDER.indexOf(to) > ORDER.indexOf(status))
              advance(to, { worker, ...extras(remote) });
          },
          progress: ({ progress }) => ctx.progress(progress),
          frameStats: ({ id: _id, ...batch }) => ctx.frameStats(batch),
          note: ({ message }) => ctx.note(message),
        },
        stop.signal,
      );
    } finally {
      host.running.delete(id);
      signal.removeEventListener('abort', cancel);
    }
    signal.throwIfAborted();
    if (ended === undefined || ended.status !== 'done')
      throw Object.assign(new Error(ended?.error ?? 'The farm job ended without a result.'), {
        log: ended?.log,
      });
    advance('running', { worker });
    ctx.move('finalizing', { worker });
    ctx.move('done', {
      ...extras(ended),
      worker,
      finishedAt: Date.now(),
      output: ended.output,
      outputBytes: ended.outputBytes,
      log: ended.log,
    });
  };
}

/** What the worker learnt about the run that the local job shows too. */
function extras(remote: Job): Partial<Job> {
  return {
    ...(remote.chunks === undefined ? {} : { chunks: remote.chunks }),
    ...(remote.decoder === undefined ? {} : { decoder: remote.decoder }),
    ...(remote.chunkWorkers === undefined ? {} : { chunkWorkers: remote.chunkWorkers }),
  };
}
