import { Job as BullJob, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Progress } from '../../app/jobs/progress';
import { FARM_PREFIX } from './connection';
import type { FarmUpdate } from './payload';

// A chunked job's progress, best effort: each chunk records its percent in one Redis hash
// and reports the mean on the parent job, which is what the submitter follows. The join
// then fills the last tenth. A chunk also asks here whether the job already failed.

/** The share of the bar the chunks fill; the join (a stream copy plus audio) the rest. */
export const CHUNKS_SHARE = 0.9;

const key = (parentId: string): string => `${FARM_PREFIX}:chunk-progress:${parentId}`;

export interface ChunkProgress {
  report: (progress: Progress) => void;
  /** True once the job itself failed (another chunk failed): this chunk's work is moot. */
  jobFailed: () => Promise<boolean>;
  close: () => Promise<void>;
}

export function chunkProgress(
  client: Redis,
  bull: BullJob,
  index: number,
  count: number,
): ChunkProgress {
  const parent = bull.parent;
  const prefix = `${FARM_PREFIX}:`;
  const parentId = parent?.id;
  if (parent === undefined || parentId === undefined || !parent.queueKey.startsWith(prefix))
    return {
      report: () => undefined,
      jobFailed: () => Promise.resolve(false),
      close: () => Promise.resolve(),
    };
  const queue = new Queue(parent.queueKey.slice(prefix.length), {
    connection: client,
    prefix: FARM_PREFIX,
  });
  let busy = false;
  const send = async (progress: Progress): Promise<void> => {
    const percent = progress.percent ?? 0;
    await client.hset(key(parentId), String(index), percent);
    await client.expire(key(parentId), 7 * 24 * 3600);
    const all = Object.values(await client.hgetall(key(parentId))).map(Number);
    const mean = all.reduce((sum, p) => sum + p, 0) / count;
    const update: FarmUpdate = {
      type: 'progress',
      progress: { ...progress, percent: Math.min(100, mean * CHUNKS_SHARE), etaSec: null },
    };
    await (await BullJob.fromId(queue, parentId))?.updateProgress(update);
  };
  return {
    report: (progress) => {
      if (busy) return; // one update at a time; the next one carries the latest
      busy = true;
      void send(progress)
        .catch(() => undefined)
        .finally(() => (busy = false));
    },
    jobFailed: async () =>
      (await (await BullJob.fromId(queue, parentId))?.getState().catch(() => null)) === 'failed',
    close: () => queue.close(),
  };
}
