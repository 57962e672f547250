import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Job } from '../../app/jobs/job';
import type { JobStatus } from '../../app/jobs/state';
import type { JobRunner } from '../engine/job-queue';
import { decideJobOutput, skippedEnd } from '../engine/output';
import { startAndProbe } from '../engine/run-job';
import { cancelFarmJob } from './cancel';
import type { FarmUrl } from './connection';
import { followJobs } from './follow';
import { routeFor } from './payload';
import { enqueue } from './submit';

// `serve --farm`: the host's queue runs each job in the farm. The job is probed here and
// its output named here (as `convert --farm` does), queued, and followed: the worker's
// status, progress, frame statistics, warnings and end come back onto the local job.
// Cancelling the local job cancels the farm job.

/** How long a cancel waits for the worker to confirm it stopped the job. */
const CANCEL_WAIT_MS = 10_000;

/** The forward order of a running job; a farm job seen going back (another delivery) is not shown. */
const ORDER: readonly JobStatus[] = ['probing', 'running', 'finalizing', 'done'];

/** `running`: each farm job this host follows now, by farm id, with its input (for the Farm view). */
export function farmRunner(
  farm: FarmUrl,
  client: Redis,
  running: Map<string, string> = new Map(),
): JobRunner {
  return async (ctx) => {
    const { job, signal } = ctx;
    const info = await startAndProbe(ctx);
    const decision = await decideJobOutput(job.spec, ctx.preset, info, null, job.spec.onExists);
    if (decision.kind === 'skip') {
      ctx.move('done', skippedEnd(job, decision.final));
      return;
    }
    const id = randomUUID();
    const route = routeFor(ctx.preset);
    await enqueue(farm, client, route, [
      { id, payload: { spec: job.spec, preset: ctx.preset, final: decision.final } },
    ]);

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
    const take = (remote: Job): void => {
      if (remote.worker !== undefined) worker = remote.worker;
      for (const warning of remote.warnings.slice(seenWarnings)) ctx.note(warning);
      seenWarnings = Math.max(seenWarnings, remote.warnings.length);
    };

    const stop = new AbortController();
    const cancel = (): void => {
      const settle = setTimeout(() => stop.abort(), CANCEL_WAIT_MS);
      void cancelFarmJob(farm, client, route, id)
        .then((gone) => gone && stop.abort())
        .catch(() => stop.abort())
        .finally(() => settle.unref());
    };
    signal.addEventListener('abort', cancel, { once: true });
    running.set(id, job.spec.input);
    let ended: Job | undefined;
    try {
      [ended] = await followJobs(
        farm,
        client,
        [{ id, route, job: { ...job, id } }],
        {
          job: (remote, finished) => {
            take(remote);
            if (!finished && ORDER.indexOf(remote.status) > ORDER.indexOf(status))
              advance(remote.status, { worker, ...extras(remote) });
          },
          progress: ({ progress }) => ctx.progress(progress),
          frameStats: ({ id: _id, ...batch }) => ctx.frameStats(batch),
          note: ({ message }) => ctx.note(message),
        },
        stop.signal,
      );
    } finally {
      running.delete(id);
      signal.removeEventListener('abort', cancel);
    }
    signal.throwIfAborted();
    if (ended === undefined || ended.status !== 'done')
      throw Object.assign(new Error(ended?.error ?? 'The farm job ended without a result.'), {
        log: ended?.log,
      });
    advance('done', {
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
  };
}
