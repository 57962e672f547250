import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { newJob } from '../../app/jobs/added';
import type { Job } from '../../app/jobs/job';
import type { JobSettings } from '../../app/jobs/settings';
import type { Engine } from '../engine/engine';
import { decideJobOutput } from '../engine/output';
import { FARM_PREFIX, lastingOptions, type FarmUrl } from './connection';
import { routeFor, type FarmJob } from './payload';
import { chunkedFor, enqueueFlows } from './submit-flow';

// Submitting to the farm: the same job specs as a local run (made by the engine's own
// jobs.add, then taken back out of the local queue), each output's final name decided
// here once, and one BullMQ job per input in the queue its preset routes to.

/** Finished farm jobs stay listed (`framewright jobs`) for a week. */
const KEEP = { age: 7 * 24 * 3600 };
const ROUTES_KEY = `${FARM_PREFIX}:routes`;

export interface Submitted {
  id: string;
  route: string;
  job: Job;
}

export interface Submission {
  submitted: Submitted[];
  /** Jobs that ended here: the input could not be probed, or its output exists (skip). */
  settled: Job[];
  skipped: { path: string; reason: string }[];
}

export async function submitJobs(
  engine: Engine,
  farm: FarmUrl,
  client: Redis,
  input: {
    paths: string[];
    presetId: string;
    outDir?: string | undefined;
    settings?: JobSettings | undefined;
  },
): Promise<Submission> {
  const preset = engine.presetStore.require(input.presetId);
  const { ids, skipped } = await engine.jobs.add({
    paths: input.paths,
    presetId: input.presetId,
    ...(input.outDir === undefined ? {} : { outDir: input.outDir }),
    ...(input.settings === undefined ? {} : { settings: input.settings }),
  });
  const specs = ids.flatMap((id) => {
    const spec = engine.queue.get(id)?.spec;
    return spec === undefined ? [] : [spec];
  });
  engine.queue.remove(ids);
  const route = routeFor(preset);
  const outcomes = await engine.media.probe({ paths: specs.map((s) => s.input) });
  const settled: Job[] = [];
  const data: { id: string; job: Job; payload: FarmJob }[] = [];
  for (const [i, spec] of specs.entries()) {
    const outcome = outcomes[i];
    const job = newJob(randomUUID(), spec, Date.now());
    if (outcome === undefined || !outcome.ok) {
      const error = outcome?.ok === false ? outcome.error : 'The input could not be probed.';
      settled.push({ ...job, status: 'failed', finishedAt: Date.now(), error });
      continue;
    }
    const decision = await decideJobOutput(spec, preset, outcome.info, null, spec.onExists);
    if (decision.kind === 'skip') {
      settled.push({
        ...job,
        status: 'done',
        finishedAt: Date.now(),
        output: decision.final,
        warnings: [`Skipped: ${decision.final} already exists (on-exists policy "skip").`],
      });
      continue;
    }
    const chunked = await chunkedFor(client, spec, preset, outcome.info, decision, route);
    const payload = { spec, preset, final: decision.final, ...(chunked ? { chunked } : {}) };
    data.push({ id: job.id, job, payload });
  }
  await enqueueAll(farm, client, route, data);
  return {
    submitted: data.map(({ id, job }) => ({ id, route, job })),
    settled,
    skipped,
  };
}

/** Queues farm jobs (ids chosen by the caller) in one route: chunked ones as flows. */
export async function enqueueAll(
  farm: FarmUrl,
  client: Redis,
  route: string,
  data: readonly { id: string; payload: FarmJob }[],
): Promise<void> {
  const flows = data.filter((d) => d.payload.chunked !== undefined);
  await enqueue(
    farm,
    client,
    route,
    data.filter((d) => d.payload.chunked === undefined),
  );
  if (flows.length === 0) return;
  await client.sadd(ROUTES_KEY, route);
  await enqueueFlows(farm, route, flows, KEEP);
}

async function enqueue(
  farm: FarmUrl,
  client: Redis,
  route: string,
  data: readonly { id: string; payload: FarmJob }[],
): Promise<void> {
  if (data.length === 0) return;
  const queue = new Queue(route, { connection: lastingOptions(farm), prefix: FARM_PREFIX });
  try {
    await client.sadd(ROUTES_KEY, route);
    await queue.addBulk(
      data.map(({ id, payload }) => ({
        name: 'convert',
        data: payload,
        opts: { jobId: id, attempts: 1, removeOnComplete: KEEP, removeOnFail: KEEP },
      })),
    );
  } finally {
    await queue.close();
  }
}

/** Every queue jobs were ever submitted to. */
export async function knownRoutes(client: Redis): Promise<string[]> {
  return (await client.smembers(ROUTES_KEY)).sort();
}
