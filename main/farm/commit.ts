import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { OnExists } from '../../app/jobs/job';
import { UserFacingError } from '../../app/util/errors';
import { discard } from '../engine/output';
import { FARM_PREFIX } from './connection';

// Exactly one output per farm job, however often BullMQ delivers it. Each delivery
// stages its work in its own hidden folder beside the final file; the commit checks
// that this delivery still holds the job's lock, records the job as committed, and
// links the file to the final name decided at submit time without replacing anything.

const STAGE = '.framewright-farm-';
const COMMITTED_TTL_S = 7 * 24 * 3600;

const committedKey = (jobId: string): string => `${FARM_PREFIX}:committed:${jobId}`;
const tempsKey = (worker: string): string => `${FARM_PREFIX}:temps:${worker}`;

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The final path when an earlier delivery of this job already committed it. */
export async function alreadyCommitted(
  client: Redis,
  jobId: string,
  final: string,
): Promise<boolean> {
  return (await client.get(committedKey(jobId))) !== null && (await exists(final));
}

/** A fresh staging folder for one delivery, recorded so the next start of this worker removes it. */
export async function stage(client: Redis, worker: string, jobId: string, final: string) {
  const dir = path.join(path.dirname(final), `${STAGE}${jobId}-${randomBytes(4).toString('hex')}`);
  await client.sadd(tempsKey(worker), dir);
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UserFacingError(
      `This worker cannot write to the output folder ${path.dirname(final)} (${code}).`,
      'read-only',
    );
  }
  return dir;
}

/** Removes this job's staging folders (this delivery's and any a dead worker left). */
export async function unstage(client: Redis, worker: string, jobId: string, final: string) {
  const folder = path.dirname(final);
  const names = await readdir(folder).catch(() => [] as string[]);
  const ours = names
    .filter((n) => n.startsWith(`${STAGE}${jobId}-`))
    .map((n) => path.join(folder, n));
  await Promise.all(ours.map((dir) => discard(dir)));
  if (ours.length > 0) await client.srem(tempsKey(worker), ...ours);
}

/** At start: whatever this worker staged before it stopped is no longer in use. */
export async function sweepStale(client: Redis, worker: string): Promise<number> {
  const dirs = await client.smembers(tempsKey(worker));
  await Promise.all(dirs.map((dir) => discard(dir)));
  await client.del(tempsKey(worker));
  return dirs.length;
}

/**
 * Commits a staged output to `final`. `stillOurs` throws when this delivery lost the
 * job's lock (another worker has it now); nothing is written then.
 */
export async function commitFarmOutput(options: {
  client: Redis;
  jobId: string;
  staged: string;
  final: string;
  policy: OnExists;
  stillOurs: () => Promise<void>;
}): Promise<void> {
  const { client, jobId, staged, final } = options;
  await options.stillOurs();
  await client.set(committedKey(jobId), final, 'EX', COMMITTED_TTL_S);
  if (options.policy === 'overwrite') {
    await rename(staged, final);
    return;
  }
  try {
    await link(staged, final);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UserFacingError(
        `${path.basename(final)} appeared while converting; it was kept and the new file discarded.`,
        'exists',
      );
    // File systems without hard links: check, then rename.
    if (await exists(final)) throw error;
    await rename(staged, final);
    return;
  }
  await unlink(staged).catch(() => undefined);
}
