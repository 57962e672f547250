import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createEngine, type Engine } from '../../engine/engine';
import { forkLauncher } from '../../engine/worker-port';
import { startServer } from '../../server/index';
import { defaultOutDir, userLogDir, userStateDir } from '../../../platform/folders';
import { openProcessLog } from '../../log/process-log';
import { presetsDir, rendererDir, workerPath } from '../paths';
import { InitError, UsageError } from '../usage';

export interface ServeOptions {
  host: string;
  port: number;
  out: string | undefined;
  stateDir: string | undefined;
  /** Runs the queue's jobs in this farm (redis://…) instead of with the local worker. */
  farm: string | undefined;
  /** Folders under which the browser may add watch folders (`--watch-root`, repeatable). */
  watchRoots?: string[] | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `framewright serve`: the app in a browser. Runs until SIGINT/SIGTERM. */
export async function serveCommand(
  options: ServeOptions,
  onEngine: (running: Pick<Engine, 'dispose'>) => void,
): Promise<number> {
  const stateDir = path.resolve(options.stateDir ?? userStateDir());
  const outDir = path.resolve(options.out ?? defaultOutDir());
  const watchRoots = (options.watchRoots ?? []).map((root) => path.resolve(root));
  for (const root of watchRoots)
    if ((await stat(root).catch(() => null))?.isDirectory() !== true)
      throw new UsageError(`--watch-root ${root} is not a folder.`);
  // An explicit --state-dir keeps the log there too (tests, several hosts side by side).
  openProcessLog(
    'host',
    options.stateDir === undefined ? userLogDir() : path.join(stateDir, 'logs'),
  );
  // Loaded only with --farm: Redis and BullMQ stay out of a plain serve's start.
  const farm =
    options.farm === undefined
      ? null
      : await (await import('./serve-farm')).connectServeFarm(options.farm);
  const engine = await createEngine({
    stateDir,
    launchWorker: forkLauncher(workerPath),
    defaultOutDir: outDir,
    presetsDir,
    overrides: { outDir },
    ...(farm === null ? {} : { runner: farm.runner, farmStatus: farm.status }),
  });
  onEngine({
    dispose: async () => {
      farm?.leave();
      await engine.dispose();
      farm?.close();
    },
  });
  for (const problem of engine.startupProblems) process.stderr.write(`note: ${problem}\n`);
  // Beyond loopback, anyone on the network could reach it: require a token.
  const token = LOOPBACK.has(options.host) ? null : randomBytes(24).toString('base64url');
  const server = await startServer({
    host: options.host,
    port: options.port,
    outDir,
    spoolDir: path.join(stateDir, 'spool'),
    token,
    rendererDir,
    engine,
    watchRoots,
  }).catch(async (error: unknown) => {
    // Without a listening server nothing would ever end the process: stop the engine too.
    farm?.leave();
    await engine.dispose();
    farm?.close();
    throw (error as { code?: string }).code === 'EADDRINUSE'
      ? new InitError(
          `Port ${options.port} on ${options.host} is already in use: stop what uses it, or pass another --port (0 picks a free one).`,
        )
      : error;
  });
  const url = token === null ? server.url : `${server.url}?token=${token}`;
  process.stdout.write(`Framewright is serving at ${url}\n`);
  if (farm !== null) process.stdout.write(`Jobs run in the farm at ${farm.label}.\n`);
  process.stdout.write(
    `Outputs go to ${outDir}; queue and settings are kept in ${stateDir}. Press Ctrl-C to stop.\n`,
  );
  await new Promise<never>(() => undefined); // until a signal ends the process
  return 0;
}
