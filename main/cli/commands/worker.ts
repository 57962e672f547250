import { UserFacingError } from '../../../app/util/errors';
import { checkFarm, parseFarmUrl, type FarmUrl } from '../../farm/connection';
import { parsePathMap, resolveAllowed } from '../../farm/paths';
import { defaultWorkerName } from '../../farm/registry';
import { startFarmWorker } from '../../farm/worker';
import { cliEngine } from '../engine-for-cli';
import { UsageError } from '../usage';

export interface WorkerCommandOptions {
  farm: string;
  name: string | undefined;
  concurrency: number | undefined;
  pathMaps: string[];
  allow: string[];
  lockSec: number | undefined;
}

/** BullMQ's default lock: a worker that vanishes loses its jobs after about this long. */
const DEFAULT_LOCK_SEC = 30;

/** A bad --farm URL or --path-map is a usage error (exit 2), its sentence naming the fault. */
export function farmUrl(text: string): FarmUrl {
  try {
    return parseFarmUrl(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `framewright worker --farm URL`: joins the farm until SIGINT/SIGTERM. */
export async function workerCommand(
  options: WorkerCommandOptions,
  onStarted: (running: { dispose: () => Promise<void> }) => void,
): Promise<number> {
  const farm = farmUrl(options.farm);
  if (options.allow.length === 0)
    throw new UsageError(
      'worker needs at least one --allow DIR: the folders its jobs may read and write.',
    );
  let maps;
  try {
    maps = options.pathMaps.map(parsePathMap);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const allowed = await resolveAllowed(options.allow);
  await checkFarm(farm);
  const concurrency = options.concurrency ?? 1;
  const name = options.name ?? defaultWorkerName();
  const engine = await cliEngine({ concurrency }, [], 'worker');
  onStarted(engine);
  const running = await startFarmWorker({
    farm,
    engine,
    name,
    concurrency,
    maps,
    allowed,
    lockMs: (options.lockSec ?? DEFAULT_LOCK_SEC) * 1000,
  }).catch(async (error: unknown) => {
    await engine.dispose();
    throw error instanceof UserFacingError
      ? error
      : new Error(String((error as Error).message ?? error));
  });
  onStarted({ dispose: () => running.close() });
  process.stderr.write(
    `Worker ${name} joined the farm at ${farm.label}: it takes ${running.routes.join(', ')}, ${concurrency} at a time. Press Ctrl-C to stop.\n`,
  );
  await new Promise<never>(() => undefined); // until a signal ends the process
  return 0;
}
