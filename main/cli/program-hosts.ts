import { Option } from 'commander';
import type { Engine } from '../engine/engine';
import { serveCommand } from './commands/serve';
import { collect, examples, farmOption, json, type Define, type Run } from './program-parts';
import { positiveInt } from './run-actions';

// The commands that run until stopped or talk to a farm: serve, worker and jobs.

/** The web host's usual port; `--port 0` picks a free one. */
const DEFAULT_PORT = 8420;

export function addHostCommands(
  command: Define,
  run: Run,
  active: (running: Pick<Engine, 'dispose'>) => void,
): void {
  command('serve', 'Run the web host: the Framewright app in a browser, until Ctrl-C.')
    .option(
      '--host <address>',
      'the address to listen on; beyond loopback a token is required',
      '127.0.0.1',
    )
    .option('--port <n>', `the port (default ${DEFAULT_PORT}; 0 picks a free one)`)
    .option('--out <dir>', 'the folder outputs go to')
    .option('--state-dir <dir>', 'where the queue and settings are kept')
    .addOption(farmOption("run the queue's jobs in this farm, not here (see worker)"))
    .addOption(
      new Option(
        '--watch-root <dir>',
        'a folder under which the browser may add watch folders (repeatable)',
      ).argParser(collect),
    )
    .addHelpText('after', examples('serve', 'serve --host 0.0.0.0 --port 0 --out /srv/done'))
    .action(
      run(
        (flags: {
          host: string;
          port?: string;
          out?: string;
          stateDir?: string;
          farm?: string;
          watchRoot?: string[];
        }) =>
          serveCommand(
            {
              host: flags.host,
              port:
                flags.port === undefined
                  ? DEFAULT_PORT
                  : flags.port === '0'
                    ? 0
                    : (positiveInt(flags.port, '--port', 65_535) ?? 0),
              out: flags.out,
              stateDir: flags.stateDir,
              farm: flags.farm,
              watchRoots: flags.watchRoot,
            },
            active,
          ),
      ),
    );

  command('worker', 'Join a farm: take jobs from its Redis queues and run them here, until Ctrl-C.')
    .addOption(farmOption('the farm (redis://…)').makeOptionMandatory())
    .addOption(
      new Option(
        '--allow <dir>',
        'a folder its jobs may read and write (repeatable; jobs with any other input or output folder are refused)',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--path-map <from=to>',
        "a submitter's path prefix as this machine mounts it, e.g. /mnt/media=/srv/media (repeatable)",
      ).argParser(collect),
    )
    .option('--name <name>', 'its name in the farm (default: the host name)')
    .option('--concurrency <n>', 'jobs at once (default 1)')
    .option(
      '--lock-duration <seconds>',
      "how soon a job of a worker that vanished goes to another (BullMQ's lock; default 30)",
    )
    .addHelpText('after', examples('worker --farm redis://farm:6379 --allow /srv/media'))
    .action(
      run(
        async (flags: {
          farm: string;
          allow?: string[];
          pathMap?: string[];
          name?: string;
          concurrency?: string;
          lockDuration?: string;
        }) =>
          // The farm's commands load Redis and BullMQ; other commands start without them.
          (await import('./commands/worker')).workerCommand(
            {
              farm: flags.farm,
              name: flags.name,
              concurrency: positiveInt(flags.concurrency, '--concurrency', 64),
              pathMaps: flags.pathMap ?? [],
              allow: flags.allow ?? [],
              lockSec: positiveInt(flags.lockDuration, '--lock-duration', 3600),
            },
            active,
          ),
      ),
    );

  command(
    'jobs',
    "List the farm's jobs and workers; --follow waits for the unfinished jobs (or those named) and reports them as convert does.",
  )
    .argument('[ids...]', 'with --follow: only these jobs')
    .addOption(farmOption('the farm (redis://…)').makeOptionMandatory())
    .option('--follow', 'wait for the jobs to end, reporting them as convert does')
    .addOption(json('print the jobs and workers (or, with --follow, the summary) as JSON'))
    .option('--events <format>', 'ndjson: with --follow, one JSON event per line')
    .addHelpText(
      'after',
      examples('jobs --farm redis://farm:6379', 'jobs --farm redis://farm:6379 --follow'),
    )
    .action(
      run(
        async (
          ids: string[],
          flags: { farm: string; follow?: true; json?: true; events?: string },
        ) =>
          (await import('./commands/jobs')).jobsCommand({
            farm: flags.farm,
            ids,
            follow: flags.follow === true,
            json: flags.json === true,
            ndjson: flags.events === 'ndjson',
          }),
      ),
    );
}
