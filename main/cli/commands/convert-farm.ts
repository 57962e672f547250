import type { Engine } from '../../engine/engine';
import { checkFarm, farmClient } from '../../farm/connection';
import { followJobs } from '../../farm/follow';
import { submitJobs } from '../../farm/submit';
import { RunOutput } from '../run-output';
import type { ConvertOptions } from './convert';
import { farmUrl } from './worker';

// Loaded only when --farm is given: the Redis client stays out of every other command's start.

/**
 * `convert … --farm URL`: the same jobs, each output's name decided here, queued in the
 * farm and followed to the end with the same output as a local run.
 */
export async function convertOnFarm(
  engine: Engine,
  farmText: string,
  options: ConvertOptions,
): Promise<number> {
  const farm = farmUrl(farmText);
  await checkFarm(farm);
  const client = farmClient(farm);
  try {
    const out = new RunOutput(options);
    const { submitted, settled, skipped } = await submitJobs(engine, farm, client, options);
    out.skipped(skipped);
    if (submitted.length + settled.length === 0) return out.nothing(skipped);
    for (const job of settled) out.job(job, true);
    for (const { job } of submitted) out.job(job, false);
    if (submitted.length > 0 && !options.ndjson)
      out.note({
        type: 'submitted',
        message: `Queued ${submitted.length} job${submitted.length === 1 ? '' : 's'} in the farm at ${farm.label}; should this stop, follow them with \`framewright jobs --farm URL --follow\`.`,
      });
    const handlers = out.following(
      submitted.map((s) => s.job),
      settled.length,
    );
    const ended = await followJobs(farm, client, submitted, handlers);
    return out.summary([...settled, ...ended], skipped);
  } finally {
    client.disconnect();
  }
}
