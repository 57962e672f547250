import { Queue, type Job as BullJob } from 'bullmq';
import { newJob } from '../../app/jobs/added';
import { JobSchema, JobSpecSchema, type Job } from '../../app/jobs/job';
import type { JobStatus } from '../../app/jobs/state';
import { FARM_PREFIX, lastingOptions, type FarmUrl } from './connection';
import { FarmJobSchema } from './payload';
import type { Submitted } from './submit';

// The farm's jobs as Jobs, for `framewright jobs`: finished ones from their result,
// the rest from their payload and BullMQ state.

/** BullMQ's job states, as a job's status. */
const STATUS: Record<string, JobStatus> = {
  active: 'running',
  completed: 'done',
  failed: 'failed',
};

/** One farm job as a Job: its result when it finished, else what its payload says. */
async function asJob(bull: BullJob): Promise<Job | null> {
  const payload = FarmJobSchema.safeParse(bull.data);
  if (!payload.success || bull.id === undefined) return null;
  const state = await bull.getState();
  const result = JobSchema.safeParse(bull.returnvalue);
  if (state === 'completed' && result.success) return result.data;
  const spec = JobSpecSchema.parse(payload.data.spec);
  return {
    ...newJob(bull.id, spec, bull.timestamp),
    status: STATUS[state] ?? 'queued',
    error: state === 'failed' ? bull.failedReason : null,
    ...(bull.processedBy ? { worker: bull.processedBy } : {}),
  };
}

export async function listFarm(farm: FarmUrl, routes: string[]): Promise<Submitted[]> {
  const rows: Submitted[] = [];
  for (const route of routes) {
    const queue = new Queue(route, { connection: lastingOptions(farm), prefix: FARM_PREFIX });
    try {
      const found = await queue.getJobs(
        ['active', 'waiting', 'prioritized', 'delayed', 'completed', 'failed'],
        0,
        9999,
        true,
      );
      for (const bull of found) {
        const job = await asJob(bull);
        if (job !== null) rows.push({ id: job.id, route, job });
      }
    } finally {
      await queue.close();
    }
  }
  return rows.sort((a, b) => a.job.createdAt - b.job.createdAt);
}
