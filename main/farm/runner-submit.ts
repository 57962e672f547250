import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Job } from '../../app/jobs/job';
import { decideJobOutput, skippedEnd } from '../engine/output';
import { startAndProbe, type JobContext } from '../engine/run-job';
import { FARM_PREFIX, lastingOptions, type FarmUrl } from './connection';
import { enqueueAll } from './submit';
import { chunkedFor } from './submit-flow';

// `serve --farm`'s side of a job before it is followed: is its saved farm job still
// there, or else probe it, name its output and queue it (a chunked job as a flow).

export type FarmRef = NonNullable<Job['farm']>;

/**
 * Where the farm has this job: null when it no longer holds it; `running` with the worker
 * that took it when one is on it now.
 */
export async function inFarm(
  farm: FarmUrl,
  ref: FarmRef,
): Promise<{ running: boolean; worker: string | undefined } | null> {
  const queue = new Queue(ref.route, { connection: lastingOptions(farm), prefix: FARM_PREFIX });
  try {
    const state = await queue.getJobState(ref.id);
    if (state === 'unknown') return null;
    const worker = state === 'active' ? (await queue.getJob(ref.id))?.processedBy : undefined;
    return { running: state === 'active', worker };
  } finally {
    await queue.close();
  }
}

/** Probes, names the output and queues the job in the farm; null when it ended here (skip). */
export async function submitOne(
  ctx: JobContext,
  farm: FarmUrl,
  client: Redis,
  ref: FarmRef,
): Promise<FarmRef | null> {
  const { job } = ctx;
  // The farm id is saved with the move to probing, before anything is queued.
  const info = await startAndProbe({
    ...ctx,
    move: (status, changes) => ctx.move(status, { ...changes, farm: ref }),
  });
  const decision = await decideJobOutput(job.spec, ctx.preset, info, null, job.spec.onExists);
  if (decision.kind === 'skip') {
    ctx.move('done', skippedEnd(job, decision.final));
    return null;
  }
  const chunked = await chunkedFor(client, job.spec, ctx.preset, info, decision, ref.route);
  const payload = { spec: job.spec, preset: ctx.preset, final: decision.final };
  await enqueueAll(farm, client, ref.route, [
    { id: ref.id, payload: chunked === undefined ? payload : { ...payload, chunked } },
  ]);
  return ref;
}
