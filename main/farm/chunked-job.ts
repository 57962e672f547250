import path from 'node:path';
import type { Plan } from '../../app/jobs/plan';
import type { MediaInfo } from '../../app/media/model';
import { discard } from '../engine/output';
import { reusableProbe } from '../engine/probe-reuse';
import { planFarmChunks, sameBounds } from './chunks';
import type { FarmJob } from './payload';
import { toLocal } from './paths';
import { checkPayload, final, type FarmJobContext } from './run-farm-job';

// A chunked farm job as this worker sees it, for one chunk or for the join: the payload
// checked like any job, its paths translated and checked, the input's probe (the
// submitter's when the file here is unchanged, else this worker's own), and the plan made
// here with the same chunk count; it must split the file where the submitter did.

export interface LocalChunked {
  farm: FarmJob & { chunked: NonNullable<FarmJob['chunked']> };
  input: string;
  output: string;
  temp: string;
  info: MediaInfo;
  plan: Plan;
}

export async function loadChunked(ctx: FarmJobContext, data: unknown): Promise<LocalChunked> {
  const { job, preset, input, output } = await checkPayload(ctx, data);
  const chunked = job.chunked;
  if (chunked === undefined) throw final('The chunk sent to this worker names no chunked job.');
  const temp = toLocal(chunked.temp, ctx.maps);
  // The temporary name (and its `.parts` folder) lives beside the output, nowhere else.
  if (path.dirname(temp) !== path.dirname(output) || !path.basename(temp).startsWith('.'))
    throw final('The chunked job names a temporary file outside its output folder.');
  const info = await localProbe(ctx, input, chunked.probe);
  const planned = planFarmChunks(job.spec, preset, info, { final: output, temp }, chunked.count);
  const differs = sameBounds(planned?.bounds ?? [], chunked.bounds);
  if (planned === null || differs !== null) {
    // The job fails with this chunk: the other chunks' files go too.
    await discard(`${temp}.parts`);
    throw final(differs ?? 'The job cannot be chunked.');
  }
  return { farm: { ...job, chunked }, input, output, temp, info, plan: planned.plan };
}

/** The submitter's probe when this worker sees the same file (size, mtime), else its own. */
async function localProbe(
  ctx: FarmJobContext,
  input: string,
  theirs: MediaInfo | undefined,
): Promise<MediaInfo> {
  const same = await reusableProbe(theirs, input, true, true);
  if (same !== null) return { ...same, path: input };
  const probed = await ctx.engine.probe(input);
  if (!probed.ok) throw final(probed.error);
  return probed.info;
}
