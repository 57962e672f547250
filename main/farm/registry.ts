import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { FARM_PREFIX } from './connection';

// The workers online: each keeps a record under its name with an expiry, refreshed by a
// heartbeat; a worker that stops (or dies) drops out when its record expires.

export const HEARTBEAT_MS = 2000;
const EXPIRY_MS = HEARTBEAT_MS * 3;

export const WorkerRecordSchema = z.strictObject({
  name: z.string().min(1).max(200),
  host: z.string().max(255),
  pid: z.number().int(),
  /** The queues it takes jobs from (general plus one per hardware encoder it passed). */
  routes: z.array(z.string().max(100)).max(100),
  /** Hardware encoders whose matrix test passed there (ffmpeg names). */
  encoders: z.array(z.string().max(100)).max(100),
  /** The matrix in a sentence: tested cells, and which passed. */
  matrix: z.string().max(2000),
  concurrency: z.number().int().positive(),
  /** Farm job ids running now. */
  current: z.array(z.string().max(200)).max(1000),
  done: z.number().int().nonnegative(),
  heartbeatAt: z.number(),
});
export type WorkerRecord = z.infer<typeof WorkerRecordSchema>;

const keyOf = (name: string): string => `${FARM_PREFIX}:workers:${name}`;

/** The default worker name: this machine's. */
export const defaultWorkerName = (): string => hostname();

export async function publish(client: Redis, record: WorkerRecord): Promise<void> {
  await client.set(keyOf(record.name), JSON.stringify(record), 'PX', EXPIRY_MS);
}

export async function unpublish(client: Redis, name: string): Promise<void> {
  await client.del(keyOf(name));
}

/** Every worker whose heartbeat has not expired; records that do not parse are left out. */
export async function listWorkers(client: Redis): Promise<WorkerRecord[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await client.scan(cursor, 'MATCH', keyOf('*'), 'COUNT', 200);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await client.mget(...keys);
  return values.flatMap((text) => {
    if (text === null) return [];
    try {
      const parsed = WorkerRecordSchema.safeParse(JSON.parse(text));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}
