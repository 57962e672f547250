import { randomBytes } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import type { Job as BullJob } from 'bullmq';
import { newJob } from '../../app/jobs/added';
import type { Job } from '../../app/jobs/job';
import type { Step } from '../../app/jobs/plan';
import { fileUrl } from '../../app/ffmpeg/safety';
import { discard } from '../engine/output';
import { loadChunked } from './chunked-job';
import { chunkProgress } from './chunk-progress';
import { FarmChunkSchema, FarmJobSchema } from './payload';
import { final, type FarmJobContext } from './run-farm-job';

// One chunk of a chunked farm job: this worker's own plan's step for that chunk, run
// through the engine's sandboxed worker process (watchdog included) into a private name in
// the shared `.parts` folder, renamed into place when done, so a chunk delivered twice
// leaves one file. A chunk that fails takes the `.parts` folder with it: the job fails.

/** The chunk step writing to `file` instead of its own output. */
function writingTo(step: Step, file: string): Step {
  const own = step.outputs[0] ?? '';
  return {
    ...step,
    args: step.args.map((a) => (a === fileUrl(own) ? fileUrl(file) : a)),
    outputs: [file],
  };
}

export async function runChunk(
  ctx: FarmJobContext,
  bull: BullJob,
  signal: AbortSignal | undefined,
): Promise<Job> {
  const parsed = FarmChunkSchema.safeParse(bull.data);
  if (!parsed.success)
    throw final(
      `The chunk sent to ${ctx.worker} is not valid: ${parsed.error.issues[0]?.message ?? 'unknown field'}.`,
    );
  const { index } = parsed.data;
  const count = FarmJobSchema.safeParse(parsed.data.job).data?.chunked?.count;
  const failed = (error: unknown): Error =>
    final(
      `Chunk ${index + 1}${count === undefined ? '' : ` of ${count}`} failed on ${ctx.worker}: ${(error as Error).message}`,
    );
  // Refused here (a path outside --allow, another split): the job fails naming this chunk.
  const local = await loadChunked(ctx, parsed.data.job).catch((error: unknown) => {
    throw failed(error);
  });
  const chunks = local.plan.steps.filter((s) => s.group === 0);
  const step = chunks[index];
  const target = step?.outputs[0];
  if (step === undefined || target === undefined)
    throw final(`The job has no chunk ${index + 1} on this worker's plan.`);
  const partsDir = local.plan.workDirs[0] ?? `${local.temp}.parts`;
  const mine = `${target}.${randomBytes(4).toString('hex')}.partial`;
  const startedAt = Date.now();
  const progress = chunkProgress(ctx.client, bull, index, chunks.length);
  try {
    if (await progress.jobFailed())
      throw new Error('another chunk of this job failed first, so this one was not encoded.');
    await mkdir(partsDir, { recursive: true });
    await ctx.engine.supervisor.request(
      'run',
      {
        jobId: `${bull.id ?? 'chunk'}`,
        steps: [writingTo(step, mine)],
        stallTimeoutMs: ctx.engine.stallTimeoutMs(),
        parallelism: 1,
        frameStats: false,
      },
      { ...(signal === undefined ? {} : { signal }), onProgress: progress.report },
    );
    await rename(mine, target);
    // The job failed while this chunk ran: its `.parts` folder goes again.
    if (await progress.jobFailed()) await discard(partsDir);
  } catch (error) {
    await discard(mine);
    // The job cannot finish without this chunk: nothing partial stays for it.
    if (signal?.aborted !== true) await discard(partsDir);
    throw failed(error);
  } finally {
    await progress.close();
  }
  return {
    ...newJob(bull.id ?? '', local.farm.spec, startedAt),
    status: 'done',
    startedAt,
    finishedAt: Date.now(),
    worker: ctx.worker,
  };
}
