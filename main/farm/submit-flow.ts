import type { FlowProducer } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobSpec } from '../../app/jobs/job';
import type { MediaInfo } from '../../app/media/model';
import type { Preset } from '../../app/presets/schema';
import { planFarmChunks } from './chunks';
import { CHUNK_JOB, CHUNK_ROUTE, GENERAL_ROUTE, JOIN_JOB, type FarmJob } from './payload';
import { listWorkers } from './registry';

// Chunked jobs on the farm: one BullMQ flow each. Its children encode one chunk each on
// the chunk queue any worker takes; its parent, which BullMQ runs only once every child
// completed (a failed child fails it), joins them, encodes the audio and commits.

/** `--chunks auto` on the farm: one chunk per worker slot online, within these bounds. */
const AUTO_MAX = 16;

/** How the job is split, decided here once; undefined for one pass. */
export async function chunkedFor(
  client: Redis,
  spec: JobSpec,
  preset: Preset,
  info: MediaInfo,
  output: { final: string; temp: string },
  route: string,
): Promise<FarmJob['chunked']> {
  const asked = spec.settings?.chunks;
  // Hardware presets stay in one pass: every chunk must come from the same encoder.
  if (route !== GENERAL_ROUTE || (asked !== 'auto' && typeof asked !== 'number')) return undefined;
  const slots = async (): Promise<number> =>
    (await listWorkers(client)).reduce((sum, w) => sum + w.concurrency, 0);
  const count =
    asked === 'auto' ? Math.max(1, Math.min(AUTO_MAX, await slots().catch(() => 1))) : asked;
  if (count < 2) return undefined;
  const planned = planFarmChunks(spec, preset, info, output, count);
  if (planned === null) return undefined;
  return { temp: output.temp, count, bounds: planned.bounds, probe: info };
}

/** Adds one flow per chunked job: the join as the parent in `route`, the chunks as children. */
export async function enqueueFlows(
  producer: FlowProducer,
  route: string,
  flows: readonly { id: string; payload: FarmJob }[],
  keep: { age: number },
): Promise<void> {
  await producer.addBulk(
    flows.map(({ id, payload }) => ({
      name: JOIN_JOB,
      queueName: route,
      data: payload,
      opts: { jobId: id, attempts: 1, removeOnComplete: keep, removeOnFail: keep },
      children: (payload.chunked?.bounds ?? []).map((_, index) => ({
        name: CHUNK_JOB,
        queueName: CHUNK_ROUTE,
        data: { job: payload, index },
        opts: {
          jobId: `${id}-chunk-${index}`,
          attempts: 1,
          failParentOnFailure: true,
          removeOnComplete: keep,
          removeOnFail: keep,
        },
      })),
    })),
  );
}
