import { parseArgs } from 'node:util';
import { OnExistsSchema, ResolutionPolicySchema } from '../../app/jobs/job';
import type { Settings } from '../../app/api/settings';
import type { Engine } from '../engine/engine';
import { convert } from './commands/convert';
import { hwCommand } from './commands/hw';
import { doctorCommand, presetsCommand } from './commands/info';
import { previewCommand } from './commands/preview';
import { probeCommand } from './commands/probe';
import { serveCommand } from './commands/serve';
import { cliEngine } from './engine-for-cli';
import { SETTINGS_OPTIONS, settingsFromFlags } from './settings-flags';
import { USAGE, UsageError } from './usage';

const OPTIONS = {
  json: { type: 'boolean' },
  preset: { type: 'string' },
  'preset-file': { type: 'string', multiple: true },
  out: { type: 'string' },
  concurrency: { type: 'string' },
  'on-exists': { type: 'string' },
  'resolution-policy': { type: 'string' },
  'stall-timeout': { type: 'string' },
  'dry-run': { type: 'boolean' },
  strict: { type: 'boolean' },
  events: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'state-dir': { type: 'string' },
  refresh: { type: 'boolean' },
  farm: { type: 'string' },
  'path-map': { type: 'string', multiple: true },
  allow: { type: 'string', multiple: true },
  'lock-duration': { type: 'string' },
  follow: { type: 'boolean' },
  ...SETTINGS_OPTIONS,
  at: { type: 'string' },
  clip: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveInt(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${flag} needs a whole number from 1 to ${max}.`);
  return n;
}

/** The web host's usual port; `--port 0` picks a free one. */
const DEFAULT_PORT = 8420;

/** Engine (or preview) in flight, so Ctrl-C can cancel its work cleanly. */
let active: Pick<Engine, 'dispose'> | null = null;
let interrupted = false;

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [command, ...paths] = positionals;
  const json = values.json === true;
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const farm = values.farm;
  if (
    farm !== undefined &&
    command !== 'convert' &&
    command !== 'worker' &&
    command !== 'jobs' &&
    command !== 'serve'
  )
    throw new UsageError('--farm works with worker, convert, jobs and serve.');
  switch (command) {
    case 'worker':
    case 'jobs': {
      if (farm === undefined) throw new UsageError(`${command} needs --farm redis://…`);
      // The farm's commands load Redis and BullMQ; other commands start without them.
      if (command === 'jobs')
        return (await import('./commands/jobs')).jobsCommand({
          farm,
          ids: paths,
          follow: values.follow === true,
          json,
          ndjson: values.events === 'ndjson',
        });
      return (await import('./commands/worker')).workerCommand(
        {
          farm,
          name: values.name,
          concurrency: positiveInt(values.concurrency, '--concurrency', 64),
          pathMaps: values['path-map'] ?? [],
          allow: values.allow ?? [],
          lockSec: positiveInt(values['lock-duration'], '--lock-duration', 3600),
        },
        (running) => (active = running),
      );
    }
    case 'probe':
      if (paths.length === 0) throw new UsageError('probe needs at least one file.');
      return probeCommand(paths, json);
    case 'presets':
    case 'doctor':
    case 'hw': {
      const engine = (active = await cliEngine({}, values['preset-file'] ?? []));
      try {
        if (command === 'hw') return await hwCommand(engine, json, values.refresh === true);
        return command === 'presets'
          ? await presetsCommand(engine, json)
          : await doctorCommand(engine, json);
      } finally {
        await engine.dispose();
      }
    }
    case 'convert': {
      if (paths.length === 0) throw new UsageError('convert needs at least one file or folder.');
      if (values.preset === undefined)
        throw new UsageError('convert needs --preset <id> (see `framewright presets`).');
      const jobSettings = settingsFromFlags(values, values.out !== undefined);
      if (values.out === undefined && jobSettings?.folder !== 'beside-source')
        throw new UsageError('convert needs --out <dir> (or --beside-source).');
      if (values.events !== undefined && values.events !== 'ndjson')
        throw new UsageError('--events accepts only ndjson.');
      const onExists = values['on-exists'];
      if (onExists !== undefined && !OnExistsSchema.safeParse(onExists).success)
        throw new UsageError('--on-exists must be skip, rename or overwrite.');
      const overrides: Partial<Settings> = {};
      const concurrency = positiveInt(values.concurrency, '--concurrency', 64);
      const stall = positiveInt(values['stall-timeout'], '--stall-timeout', 86_400);
      if (concurrency !== undefined) overrides.concurrency = concurrency;
      if (stall !== undefined) overrides.stallTimeoutSec = stall;
      if (onExists !== undefined) overrides.onExists = OnExistsSchema.parse(onExists);
      if (values.strict === true) overrides.incompleteSource = 'fail';
      const policy = values['resolution-policy'];
      if (policy !== undefined) {
        const parsed = ResolutionPolicySchema.safeParse(policy);
        if (!parsed.success)
          throw new UsageError('--resolution-policy must be auto, reinit, fit or stretch.');
        overrides.resolutionPolicy = parsed.data;
      }
      const engine = (active = await cliEngine(overrides, values['preset-file'] ?? []));
      try {
        engine.presetStore.require(values.preset);
      } catch (error) {
        await engine.dispose();
        throw new UsageError((error as Error).message);
      }
      if (farm !== undefined && values['dry-run'] === true) {
        await engine.dispose();
        throw new UsageError('--dry-run plans here; leave out --farm.');
      }
      try {
        const convertOptions = {
          paths,
          presetId: values.preset,
          outDir: values.out,
          settings: jobSettings,
          dryRun: values['dry-run'] === true,
          ndjson: values.events === 'ndjson',
          json,
        };
        return farm === undefined
          ? await convert(engine, convertOptions)
          : await (
              await import('./commands/convert-farm')
            ).convertOnFarm(engine, farm, convertOptions);
      } finally {
        await engine.dispose();
      }
    }
    case 'preview':
      return previewCommand(
        {
          files: paths,
          presetId: values.preset,
          presetFiles: values['preset-file'] ?? [],
          out: values.out,
          settings: settingsFromFlags(values, values.out !== undefined),
          at: values.at,
          clip: values.clip,
          json,
        },
        (running) => (active = running),
      );
    case 'serve':
      return serveCommand(
        {
          host: values.host ?? '127.0.0.1',
          port:
            values.port === undefined
              ? DEFAULT_PORT
              : values.port === '0'
                ? 0
                : (positiveInt(values.port, '--port', 65_535) ?? 0),
          out: values.out,
          stateDir: values['state-dir'],
          farm,
        },
        (running) => (active = running),
      );
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write(`\nInterrupted: cancelling and cleaning up…\n`);
  const engine = active;
  void (engine?.dispose() ?? Promise.resolve()).finally(() =>
    process.exit(signal === 'SIGINT' ? 130 : 143),
  );
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.stdout.on('error', () => undefined); // a closed pipe (| head) is not a crash

run(process.argv.slice(2)).then(
  (code) => {
    if (!interrupted) process.exitCode = code;
  },
  (error: unknown) => {
    if (interrupted) return;
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `framewright: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (usage) process.stderr.write('Run `framewright help` for usage.\n');
    process.exitCode = usage ? 2 : 1;
  },
);
