import { Job as BullJob, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { FARM_PREFIX, lastingOptions, type FarmUrl } from './connection';

// Cancelling a farm job from the host that queued it: a job still waiting is taken out of
// its queue; one already taken is marked (for a worker that takes it later) and announced
// on a channel every worker listens to, so the worker running it stops it.

export const CANCEL_CHANNEL = `${FARM_PREFIX}:cancel`;
const WEEK_S = 7 * 24 * 3600;

export const cancelKey = (id: string): string => `${FARM_PREFIX}:cancelled:${id}`;

/** True when the job left the queue before any worker took it (nothing more will come of it). */
export async function cancelFarmJob(
  farm: FarmUrl,
  client: Redis,
  route: string,
  id: string,
): Promise<boolean> {
  const queue = new Queue(route, { connection: lastingOptions(farm), prefix: FARM_PREFIX });
  try {
    const bull = await BullJob.fromId(queue, id);
    if (bull === undefined) return true;
    const state = await bull.getState();
    if (state === 'completed' || state === 'failed') return false;
    if (state === 'waiting' || state === 'delayed' || state === 'prioritized') {
      // Throws when a worker took it meanwhile: then it is stopped like a running one.
      const removed = await bull.remove().then(
        () => true,
        () => false,
      );
      if (removed) return true;
    }
  } finally {
    await queue.close();
  }
  await client.set(cancelKey(id), '1', 'EX', WEEK_S);
  await client.publish(CANCEL_CHANNEL, id);
  return false;
}
