import { Job as BullJob, Queue } from 'bullmq';
import { FARM_PREFIX, lastingOptions, type FarmUrl } from './connection';
import { CHUNK_ROUTE } from './payload';

// BullMQ fails a chunked job's parent with "child <key> failed" when a chunk fails; the
// chunk's own reason is the sentence the user reads.

const CHILD_FAILED = new RegExp(`^child ${FARM_PREFIX}:${CHUNK_ROUTE}:(\\S+) failed$`);

/** The failed chunk's own reason for a parent that failed with it; other reasons as they are. */
export async function explainFailure(farm: FarmUrl, reason: string): Promise<string> {
  const childId = CHILD_FAILED.exec(reason)?.[1];
  if (childId === undefined) return reason;
  const queue = new Queue(CHUNK_ROUTE, { connection: lastingOptions(farm), prefix: FARM_PREFIX });
  try {
    const child = await BullJob.fromId(queue, childId);
    return child?.failedReason ?? 'A chunk of this job failed.';
  } catch {
    return 'A chunk of this job failed.';
  } finally {
    await queue.close();
  }
}
