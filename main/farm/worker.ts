import { hostname } from 'node:os';
import { UnrecoverableError, Worker, WaitingError, type Job as BullJob } from 'bullmq';
import type { Job } from '../../app/jobs/job';
import type { HardwareReport } from '../../app/hardware/model';
import { UserFacingError } from '../../app/util/errors';
import type { Engine } from '../engine/engine';
import { CANCEL_CHANNEL, cancelKey } from './cancel';
import { sweepStale } from './commit';
import { FARM_PREFIX, farmClient, lastingOptions, type FarmUrl } from './connection';
import { routesOf } from './payload';
import type { PathMap } from './paths';
import { HEARTBEAT_MS, listWorkers, publish, unpublish, type WorkerRecord } from './registry';
import { runFarmJob, type FarmJobContext } from './run-farm-job';

// A farm worker: takes jobs from the queues its hardware matrix allows, runs each with
// the local engine, and keeps its record in the registry until it closes.

export interface FarmWorkerOptions {
  farm: FarmUrl;
  engine: Engine;
  name: string;
  concurrency: number;
  maps: PathMap[];
  /** Real paths of the folders it may read and write. */
  allowed: string[];
  /** BullMQ's lock duration: a worker that vanishes loses its jobs after about this long. */
  lockMs: number;
}

/** How long closing waits for Redis (giving jobs back, leaving the registry). */
const CLOSE_MS = 5000;

/** The matrix in a sentence, for the registry. */
function summarize(report: HardwareReport | null): { encoders: string[]; matrix: string } {
  if (report === null) return { encoders: [], matrix: 'The hardware was not tested.' };
  const encode = report.cells.filter((c) => c.direction === 'encode');
  const passed = encode.filter((c) => c.status === 'available');
  const encoders = passed.flatMap((c) => (c.implementation === null ? [] : [c.implementation]));
  return {
    encoders,
    matrix: `${passed.length} of ${encode.length} hardware encoders passed${encoders.length ? `: ${encoders.join(', ')}` : ''}.`,
  };
}

/** A record left by a process of this machine that no longer runs (killed before its expiry). */
function goneHere(record: WorkerRecord): boolean {
  if (record.host !== hostname()) return false;
  try {
    process.kill(record.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface RunningFarmWorker {
  routes: string[];
  /** Stops taking jobs, puts the running ones back in the queue, and stops the engine. */
  close(): Promise<void>;
}

export async function startFarmWorker(options: FarmWorkerOptions): Promise<RunningFarmWorker> {
  const { engine, name } = options;
  const client = farmClient(options.farm);
  const others = await listWorkers(client);
  if (others.some((w) => w.name === name && !goneHere(w))) {
    client.disconnect();
    throw new UserFacingError(
      `A worker named "${name}" is already online in this farm; give this one another --name.`,
      'name-taken',
    );
  }
  await sweepStale(client, name);
  const report = await engine.hardware.inspect({ refresh: false }).catch(() => null);
  const routes = routesOf(report);
  const { encoders, matrix } = summarize(report);
  const current = new Set<string>();
  let done = 0;
  let closing = false;
  const beat = (): Promise<void> =>
    publish(client, {
      name,
      host: hostname(),
      pid: process.pid,
      routes,
      encoders,
      matrix,
      concurrency: options.concurrency,
      current: [...current],
      done,
      heartbeatAt: Date.now(),
    }).catch(() => undefined); // Redis away: the next beat tries again
  const ctx: FarmJobContext = {
    engine,
    client,
    worker: name,
    maps: options.maps,
    allowed: options.allowed,
    lockMs: options.lockMs,
  };
  // BullMQ counts concurrency per queue, and this worker takes from several (jobs, chunks,
  // hardware): one limit over all of them. While it is full no queue fetches, and a job
  // fetched in the same instant goes back to wait for a free worker.
  let active = 0;
  const fit = (): void => {
    if (closing) return;
    const full = active >= options.concurrency;
    for (const worker of workers) void (full ? worker.pause(true) : worker.resume());
  };
  const processor = async (job: BullJob, token?: string, signal?: AbortSignal): Promise<Job> => {
    const id = job.id ?? '';
    if ((await client.exists(cancelKey(id))) === 1)
      throw new UnrecoverableError('Cancelled by the host that queued it.');
    if (active >= options.concurrency && token !== undefined) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    active++;
    fit();
    current.add(id);
    void beat();
    try {
      const result = await runFarmJob(ctx, job, token, signal);
      done++;
      return result;
    } catch (error) {
      if (closing && token !== undefined) {
        // Stopped by its worker, not failed: back to the queue for another.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw error;
    } finally {
      active--;
      fit();
      current.delete(id);
      void beat();
    }
  };
  engine.queue.start();
  const workers = routes.map(
    (route) =>
      new Worker(route, processor, {
        connection: lastingOptions(options.farm),
        prefix: FARM_PREFIX,
        name,
        concurrency: options.concurrency,
        lockDuration: options.lockMs,
        stalledInterval: options.lockMs,
        maxStalledCount: 2,
      }),
  );
  // Connection trouble is retried by BullMQ itself; a line says so once per outage.
  let down = false;
  for (const worker of workers) {
    worker.on('error', (error) => {
      if (down || closing) return;
      down = true;
      process.stderr.write(`${name}: lost Redis (${error.message}); reconnecting.\n`);
    });
    worker.on('ready', () => (down = false));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // Cancels from the submitting host: the worker running that job stops it.
  const cancels = client.duplicate();
  cancels.on('error', () => undefined); // reconnects on its own, like the others
  cancels.on('message', (_channel: string, id: string) => {
    for (const worker of workers) worker.cancelJob(id, 'Cancelled by the host that queued it.');
  });
  await cancels.subscribe(CANCEL_CHANNEL);
  await beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  let closed: Promise<void> | null = null;
  return {
    routes,
    close: () => {
      closed ??= (async () => {
        closing = true;
        clearInterval(timer);
        // Take no more jobs; cancel what runs (its ffmpeg stops, its files go), and each
        // job goes back to the queue. With Redis away the hand-back cannot finish: the
        // jobs' locks then expire and BullMQ's stalled check gives them to another worker.
        const farmSide = Promise.all(workers.map((w) => w.close()))
          .then(() => unpublish(client, name))
          .catch(() => undefined);
        await engine.queue.cancelAll();
        let deadline: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => (deadline = setTimeout(resolve, CLOSE_MS)));
        await Promise.race([farmSide, late]);
        clearTimeout(deadline);
        await engine.dispose();
        cancels.disconnect();
        client.disconnect();
      })();
      return closed;
    },
  };
}
