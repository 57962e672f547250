import path from 'node:path';
import type { Plan } from '../../app/jobs/plan';
import type { MediaInfo } from '../../app/media/model';
import { discard } from '../engine/output';
import { planFarmChunks, sameBounds } from './chunks';
import type { FarmJob } from './payload';
import { toLocal } from './paths';
import { checkPayload, final, type FarmJobContext } from './run-farm-job';

// A chunked farm job as this worker sees it, for one chunk or for the join: the payload
// checked like any job, its paths translated and checked, the input probed here, and the
// plan made here with the same chunk count; it must split the file where the submitter did.

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
  const [probed] = await ctx.engine.media.probe({ paths: [input] });
  if (probed === undefined || !probed.ok)
    throw final(probed?.ok === false ? probed.error : 'The input could not be probed.');
  const planned = planFarmChunks(
    job.spec,
    preset,
    probed.info,
    { final: output, temp },
    chunked.count,
  );
  const differs = sameBounds(planned?.bounds ?? [], chunked.bounds);
  if (planned === null || differs !== null) {
    // The job fails with this chunk: the other chunks' files go too.
    await discard(`${temp}.parts`);
    throw final(differs ?? 'The job cannot be chunked.');
  }
  return { farm: { ...job, chunked }, input, output, temp, info: probed.info, plan: planned.plan };
}
