import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Job as BullJob } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { newJob } from '../../app/jobs/added';
import type { Job } from '../../app/jobs/job';
import { isTerminal } from '../../app/jobs/state';
import { parsePreset } from '../../app/presets/schema';
import type { Engine } from '../engine/engine';
import { alreadyCommitted, commitFarmOutput, stage, unstage } from './commit';
import { CHUNK_JOB, FarmJobSchema, JOIN_JOB, type FarmJob, type FarmUpdate } from './payload';
import { runChunk } from './run-chunk';
import { runJoin } from './run-join';
import { allowedOutputFolder, insideAllowed, toLocal, type PathMap } from './paths';

// One farm job on this worker: validate the payload, translate and check its paths, run
// it through the local engine (the same worker process, sandbox, watchdog, hardware
// fallback and cleanup as the desktop) into a staging folder, then commit it once.

export interface FarmJobContext {
  engine: Engine;
  client: Redis;
  worker: string;
  maps: readonly PathMap[];
  allowed: readonly string[];
  lockMs: number;
}

/** A job failure that a retry cannot fix: BullMQ fails the job without another attempt. */
export const final = (message: string): UnrecoverableError => new UnrecoverableError(message);

export async function checkPayload(ctx: FarmJobContext, data: unknown) {
  const parsed = FarmJobSchema.safeParse(data);
  if (!parsed.success)
    throw final(
      `The job sent to ${ctx.worker} is not valid: ${parsed.error.issues[0]?.message ?? 'unknown field'}.`,
    );
  const preset = parsePreset(parsed.data.preset);
  if (!preset.ok) throw final(`The job's preset is not valid: ${preset.errors.join('; ')}.`);
  const job: FarmJob = parsed.data;
  const local = (p: string): string => toLocal(p, ctx.maps);
  const input = local(job.spec.input);
  const output = local(job.final);
  try {
    await insideAllowed(input, ctx.allowed, 'The input');
    await allowedOutputFolder(path.dirname(output), ctx.allowed);
  } catch (error) {
    throw final((error as Error).message);
  }
  return { job, preset: preset.preset, input, output };
}

/** The engine's job as the submitter sees it: its farm id, its paths, and this worker. */
function present(ctx: FarmJobContext, farmId: string, farm: FarmJob, job: Job): Job {
  return {
    ...job,
    id: farmId,
    spec: farm.spec,
    output: job.status === 'done' ? farm.final : null,
    log: job.log.split(path.dirname(toLocal(farm.final, ctx.maps))).join(path.dirname(farm.final)),
    worker: ctx.worker,
  };
}

export async function runFarmJob(
  ctx: FarmJobContext,
  bull: BullJob,
  token: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Job> {
  // Chunked jobs are BullMQ flows: chunk encodes (children), then their join (parent).
  if (bull.name === CHUNK_JOB) return runChunk(ctx, bull, signal);
  if (bull.name === JOIN_JOB) return runJoin(ctx, bull, token, signal);
  const farmId = bull.id ?? '';
  const { job: farm, preset, input, output } = await checkPayload(ctx, bull.data);
  const report = (update: FarmUpdate): void =>
    void bull.updateProgress(update).catch(() => undefined);
  const { engine, client } = ctx;
  if (await alreadyCommitted(client, farmId, output)) {
    // An earlier delivery committed, then lost its worker before BullMQ heard of it.
    await unstage(client, ctx.worker, farmId, output);
    const now = Date.now();
    return {
      ...newJob(farmId, farm.spec, now),
      status: 'done',
      startedAt: now,
      finishedAt: now,
      output: farm.final,
      outputBytes: (await stat(output)).size,
      warnings: ['An earlier delivery of this job had already saved the output.'],
      worker: ctx.worker,
    };
  }
  const staging = await stage(client, ctx.worker, farmId, output).catch((error: unknown) => {
    throw final((error as Error).message);
  });
  const presetId = `farm-${farmId}`;
  engine.presetStore.addTransient({ ...preset, id: presetId });
  const [queued] = engine.queue.add([
    {
      ...farm.spec,
      input,
      presetId,
      outDir: staging,
      onExists: 'rename',
      settings: { ...farm.spec.settings, folder: 'chosen' },
      sourceRoot: undefined,
    },
  ]);
  if (queued === undefined) throw new Error('The engine did not take the job.');
  const id = queued.id;
  const offs = [
    engine.queue.updated.on((j) => {
      // The end is reported by BullMQ itself, once the output is committed.
      if (j.id === id && !isTerminal(j.status))
        report({ type: 'job', job: present(ctx, farmId, farm, j) });
    }),
    engine.queue.progressed.on((e) => {
      if (e.id === id) report({ type: 'progress', progress: e.progress });
    }),
    engine.queue.frameStats.on(({ id: of, ...batch }) => {
      if (of === id) report({ type: 'frame-stats', batch });
    }),
  ];
  const cancel = (): void => engine.queue.cancel([id]);
  signal?.addEventListener('abort', cancel);
  try {
    const ended = await new Promise<Job>((resolve) => {
      const check = (j: Job): void => {
        if (j.id === id && isTerminal(j.status)) {
          off();
          resolve(j);
        }
      };
      const off = engine.queue.finished.on(check);
      const now = engine.queue.get(id);
      if (now !== undefined && isTerminal(now.status)) check(now);
    });
    if (ended.status !== 'done' || ended.output === null)
      throw final(ended.error ?? `The job ended ${ended.status}.`);
    await commitFarmOutput({
      client,
      jobId: farmId,
      staged: ended.output,
      final: output,
      policy: farm.spec.onExists,
      stillOurs: async () => {
        if (token === undefined) return;
        // Throws when the lock expired and the job may be running elsewhere.
        await bull.extendLock(token, ctx.lockMs);
      },
    }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'exists') throw final((error as Error).message);
      throw error;
    });
    return present(ctx, farmId, farm, { ...ended, finishedAt: Date.now() });
  } finally {
    signal?.removeEventListener('abort', cancel);
    offs.forEach((off) => off());
    engine.queue.remove([id]);
    await engine.presetStore.remove(presetId).catch(() => undefined);
    await unstage(client, ctx.worker, farmId, output);
  }
}
