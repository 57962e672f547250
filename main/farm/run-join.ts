import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Job as BullJob } from 'bullmq';
import { newJob } from '../../app/jobs/added';
import type { Job } from '../../app/jobs/job';
import { fileUrl } from '../../app/ffmpeg/safety';
import { discard } from '../engine/output';
import { loadChunked } from './chunked-job';
import { CHUNKS_SHARE } from './chunk-progress';
import { alreadyCommitted, commitFarmOutput, stage, unstage } from './commit';
import type { FarmUpdate } from './payload';
import { final, type FarmJobContext } from './run-farm-job';

// The parent of a chunked farm job: BullMQ runs it once every chunk (child) completed. It
// joins the chunks and encodes the audio into this delivery's staging folder, commits the
// output once like any farm job, and removes the `.parts` folder.

/** The worker of each chunk, in chunk order, from the children's results. */
async function chunkWorkers(bull: BullJob, count: number): Promise<string[]> {
  const values = await bull.getChildrenValues<Job>();
  const workers: string[] = Array.from({ length: count }, () => '');
  for (const [key, value] of Object.entries(values)) {
    const index = Number(/-chunk-(\d+)$/.exec(key)?.[1]);
    if (Number.isInteger(index) && index < count) workers[index] = value.worker ?? '';
  }
  return workers;
}

export async function runJoin(
  ctx: FarmJobContext,
  bull: BullJob,
  token: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Job> {
  const farmId = bull.id ?? '';
  const local = await loadChunked(ctx, bull.data);
  const { plan, output, farm } = local;
  const chunks = plan.steps.filter((s) => s.group === 0);
  const join = plan.steps.find((s) => s.group === 1);
  if (join === undefined) throw final('The chunked plan has no join.');
  const startedAt = Date.now();
  const report = (update: FarmUpdate): void =>
    void bull.updateProgress(update).catch(() => undefined);
  const partsDir = plan.workDirs[0] ?? `${local.temp}.parts`;
  if (await alreadyCommitted(ctx.client, farmId, output)) {
    // An earlier delivery committed, then lost its worker before BullMQ heard of it.
    await discard(partsDir);
    return {
      ...newJob(farmId, farm.spec, startedAt),
      status: 'done',
      startedAt,
      finishedAt: Date.now(),
      output: farm.final,
      outputBytes: (await stat(output)).size,
      chunks: chunks.length,
      worker: ctx.worker,
      chunkWorkers: await chunkWorkers(bull, chunks.length),
    };
  }
  const staging = await stage(ctx.client, ctx.worker, farmId, output).catch((error: unknown) => {
    throw final((error as Error).message);
  });
  try {
    for (const step of chunks) {
      const file = step.outputs[0] ?? '';
      if (
        !(await stat(file).then(
          (s) => s.isFile(),
          () => false,
        ))
      )
        throw final(`${path.basename(file)} is missing although its chunk completed.`);
    }
    for (const file of plan.files) await writeFile(file.path, file.content);
    const staged = path.join(staging, path.basename(output));
    const steps = [
      {
        ...join,
        args: join.args.map((a) => (a === fileUrl(local.temp) ? fileUrl(staged) : a)),
        outputs: [staged],
      },
    ];
    const running = {
      ...newJob(farmId, farm.spec, startedAt),
      status: 'running' as const,
      startedAt,
      chunks: chunks.length,
      worker: ctx.worker,
    };
    report({ type: 'job', job: running });
    const result = await ctx.engine.supervisor.request(
      'run',
      {
        jobId: farmId,
        steps,
        stallTimeoutMs: ctx.engine.stallTimeoutMs(),
        parallelism: 1,
        frameStats: false,
      },
      {
        ...(signal === undefined ? {} : { signal }),
        onProgress: (progress) =>
          report({
            type: 'progress',
            progress: {
              ...progress,
              percent:
                progress.percent === null
                  ? null
                  : CHUNKS_SHARE * 100 + (1 - CHUNKS_SHARE) * progress.percent,
            },
          }),
      },
    );
    await commitFarmOutput({
      client: ctx.client,
      jobId: farmId,
      staged,
      final: output,
      policy: farm.spec.onExists,
      stillOurs: async () => {
        if (token !== undefined) await bull.extendLock(token, ctx.lockMs);
      },
    }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'exists') throw final((error as Error).message);
      throw error;
    });
    await discard(partsDir);
    return {
      ...running,
      status: 'done',
      finishedAt: Date.now(),
      output: farm.final,
      outputBytes: (await stat(output)).size,
      log: result.log,
      warnings: plan.warnings,
      chunkWorkers: await chunkWorkers(bull, chunks.length),
    };
  } catch (error) {
    // A failed join leaves nothing partial; a cancelled one (its worker closing) goes back
    // to the queue with its chunks kept.
    if (signal?.aborted !== true) await discard(partsDir);
    throw error;
  } finally {
    await unstage(ctx.client, ctx.worker, farmId, output);
  }
}
