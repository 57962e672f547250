import { z } from 'zod';
import { JobSpecSchema, type Job, type JobSpec } from './job';

// New jobs travel compactly. A new job is always queued with nothing done yet, and the
// jobs of one add mostly share everything but their id and input file, so an event
// carries those once and then [id, input] per job: a 10,000-file drop is about 1 MB of
// events instead of 4, and a client parses and applies it in a few short tasks. The
// engine emits the jobs themselves; the router compacts them for the wire.

/**
 * New jobs per `added` event: a 10,000-file drop is a handful of events, each small
 * enough for a client to parse and apply without a long task.
 */
export const ADDED_CHUNK = 1000;

export const JobsAddedSchema = z.strictObject({
  /** What these jobs share: their spec without the input. */
  spec: JobSpecSchema.omit({ input: true }).strict(),
  createdAt: z.number(),
  /** [id, input file] of each new job, in queue order. */
  jobs: z.array(z.tuple([z.string().min(1).max(200), JobSpecSchema.shape.input])),
});
export type JobsAdded = z.infer<typeof JobsAddedSchema>;

/** A job just created: queued, nothing done yet. */
export function newJob(id: string, spec: JobSpec, createdAt: number): Job {
  return {
    id,
    spec,
    status: 'queued',
    createdAt,
    startedAt: null,
    finishedAt: null,
    output: null,
    outputBytes: null,
    progress: null,
    error: null,
    warnings: [],
    attempts: 0,
    log: '',
  };
}

/** The full jobs an `added` event describes. */
export function jobsOf(event: JobsAdded): Job[] {
  const { spec, createdAt } = event;
  return event.jobs.map(([id, input]) => newJob(id, { ...spec, input }, createdAt));
}

/** Equal values of a spec field (plain strings, or JSON data such as the settings). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

/** Same creation time and spec but the input (settings, dropped folder and all). */
function sameGroup(a: Job, b: Job): boolean {
  if (a.createdAt !== b.createdAt) return false;
  const keys = Object.keys(a.spec) as (keyof JobSpec)[];
  if (keys.length !== Object.keys(b.spec).length) return false;
  return keys.every((key) => key === 'input' || sameValue(a.spec[key], b.spec[key]));
}

/**
 * The `added` events for jobs just made with newJob: runs of jobs that share their
 * settings and creation time, at most `chunk` jobs per event.
 */
export function addedEvents(jobs: readonly Job[], chunk: number): JobsAdded[] {
  const events: JobsAdded[] = [];
  let first: Job | undefined;
  let current: JobsAdded | undefined;
  for (const job of jobs) {
    if (
      current === undefined ||
      first === undefined ||
      current.jobs.length >= chunk ||
      !sameGroup(first, job)
    ) {
      const spec: Omit<JobSpec, 'input'> & { input?: string } = { ...job.spec };
      delete spec.input;
      first = job;
      current = { spec, createdAt: job.createdAt, jobs: [] };
      events.push(current);
    }
    current.jobs.push([job.id, job.spec.input]);
  }
  return events;
}
