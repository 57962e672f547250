import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { newJob } from '../../app/jobs/added';
import type { Job, JobSpec } from '../../app/jobs/job';
import type { JobSettings } from '../../app/jobs/settings';
import type { MediaInfo } from '../../app/media/model';
import type { Engine } from '../engine/engine';
import {
  decideJobOutput,
  decideOutputUnprobed,
  nameNeedsProbe,
  skippedEnd,
} from '../engine/output';
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
  // Every file that needs a probe here is probed at once (a few at a time); each job is
  // then named and queued in order as soon as it and those before it are ready, so workers
  // start while later files are still probed, and two inputs never get the same output.
  const prepare = async (spec: JobSpec): Promise<Probed> => {
    // The worker probes the file for its plan; here only a split or a name showing the
    // picture needs a probe first (a file that is not media fails there, in the same words).
    const chunks = spec.settings?.chunks !== undefined;
    if (!chunks && !nameNeedsProbe(spec)) return { info: null };
    const outcome = await engine.probe(spec.input, chunks);
    return outcome.ok ? { info: outcome.info } : { error: outcome.error };
  };
  const prepared = specs.map((spec) => ({ spec, probe: prepare(spec) }));
  // A failure is met in order below; until then it must not count as unhandled.
  for (const { probe } of prepared) probe.catch(() => undefined);
  const settled: Job[] = [];
  const submitted: Submitted[] = [];
  const taken = new Set<string>();
  const enqueuer = new Enqueuer(farm, client, route);
  try {
    for (const { spec, probe } of prepared) {
      const probed = await probe;
      const job = newJob(randomUUID(), spec, Date.now());
      if ('error' in probed) {
        settled.push({ ...job, status: 'failed', finishedAt: Date.now(), error: probed.error });
        continue;
      }
      const { info } = probed;
      const decision = await (info === null
        ? decideOutputUnprobed(spec, preset, spec.onExists, taken)
        : decideJobOutput(spec, preset, info, null, spec.onExists, taken));
      if (decision === null) throw new Error('The output name needs a probe.');
      if (decision.kind === 'skip') {
        settled.push({ ...job, status: 'done', ...skippedEnd(job, decision.final) });
        continue;
      }
      taken.add(decision.final);
      const chunked =
        info === null ? undefined : await chunkedFor(client, spec, preset, info, decision, route);
      const payload = { spec, preset, final: decision.final, ...(chunked ? { chunked } : {}) };
      await enqueuer.add({ id: job.id, payload });
      submitted.push({ id: job.id, route, job });
    }
  } finally {
    await Promise.allSettled(prepared.map(({ probe }) => probe));
    await enqueuer.close();
  }
  return { submitted, settled, skipped };
}

/** A file's probe when its job needs one here (null when it does not), or why it failed. */
type Probed = { info: MediaInfo | null } | { error: string };

/** Queues farm jobs (ids chosen by the caller) in one route: chunked ones as flows. */
export async function enqueueAll(
  farm: FarmUrl,
  client: Redis,
  route: string,
  data: readonly { id: string; payload: FarmJob }[],
): Promise<void> {
  const enqueuer = new Enqueuer(farm, client, route);
  try {
    await enqueuer.addAll(data);
  } finally {
    await enqueuer.close();
  }
}

/** One route's queue and flow producer, opened when first needed and closed once. */
class Enqueuer {
  private queue: Queue | null = null;
  private producer: FlowProducer | null = null;
  private known = false;

  constructor(
    private readonly farm: FarmUrl,
    private readonly client: Redis,
    private readonly route: string,
  ) {}

  add(item: { id: string; payload: FarmJob }): Promise<void> {
    return this.addAll([item]);
  }

  async addAll(data: readonly { id: string; payload: FarmJob }[]): Promise<void> {
    if (data.length === 0) return;
    if (!this.known) {
      await this.client.sadd(ROUTES_KEY, this.route);
      this.known = true;
    }
    const single = data.filter((d) => d.payload.chunked === undefined);
    const flows = data.filter((d) => d.payload.chunked !== undefined);
    if (single.length > 0) {
      this.queue ??= new Queue(this.route, {
        connection: lastingOptions(this.farm),
        prefix: FARM_PREFIX,
      });
      await this.queue.addBulk(
        single.map(({ id, payload }) => ({
          name: 'convert',
          data: payload,
          opts: { jobId: id, attempts: 1, removeOnComplete: KEEP, removeOnFail: KEEP },
        })),
      );
    }
    if (flows.length > 0) {
      this.producer ??= new FlowProducer({
        connection: lastingOptions(this.farm),
        prefix: FARM_PREFIX,
      });
      await enqueueFlows(this.producer, this.route, flows, KEEP);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.queue?.close(), this.producer?.close()]);
  }
}

/** Every queue jobs were ever submitted to. */
export async function knownRoutes(client: Redis): Promise<string[]> {
  return (await client.smembers(ROUTES_KEY)).sort();
}
