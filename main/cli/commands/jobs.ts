import { checkFarm, farmClient } from '../../farm/connection';
import { followJobs } from '../../farm/follow';
import { listFarm } from '../../farm/list';
import { GENERAL_ROUTE } from '../../farm/payload';
import { listWorkers } from '../../farm/registry';
import { knownRoutes } from '../../farm/submit';
import { RunOutput, emit } from '../run-output';
import { farmUrl } from './worker';

/**
 * `framewright jobs --farm URL`: the farm's jobs and workers; with --follow, waits for
 * every unfinished job and reports them as `convert` does (re-attach after a lost host).
 */
export async function jobsCommand(options: {
  farm: string;
  /** With --follow: only these jobs (all unfinished ones when empty). */
  ids: string[];
  follow: boolean;
  json: boolean;
  ndjson: boolean;
}): Promise<number> {
  const farm = farmUrl(options.farm);
  await checkFarm(farm);
  const client = farmClient(farm);
  try {
    const rows = await listFarm(farm, await knownRoutes(client));
    if (options.follow) {
      const out = new RunOutput(options);
      const open = rows.filter(
        (r) =>
          r.job.status !== 'done' &&
          r.job.status !== 'failed' &&
          (options.ids.length === 0 || options.ids.includes(r.id)),
      );
      const ended = await followJobs(farm, client, open, out.following(open.map((r) => r.job)));
      return out.summary(ended, []);
    }
    const workers = await listWorkers(client);
    if (options.json) {
      emit({ jobs: rows.map((r) => ({ ...r.job, log: undefined, route: r.route })), workers });
      return 0;
    }
    for (const w of workers)
      process.stdout.write(
        `worker ${w.name} (${w.host}): ${w.routes.join(', ')}; ${w.current.length} running, ${w.done} done; ${w.matrix}\n`,
      );
    for (const { job, route } of rows)
      process.stdout.write(
        `${job.id}  ${job.status.padEnd(9)} ${job.spec.input} → ${job.output ?? '…'}${job.worker ? ` on ${job.worker}` : ''}${route === GENERAL_ROUTE ? '' : ` [${route}]`}${job.error ? `: ${job.error}` : ''}\n`,
      );
    if (rows.length === 0) process.stdout.write('No jobs in the farm.\n');
    return 0;
  } finally {
    client.disconnect();
  }
}
