import type { Settings } from '../../app/api/settings';
import { OnExistsSchema, ResolutionPolicySchema } from '../../app/jobs/job';
import type { Engine } from '../engine/engine';
import { convert } from './commands/convert';
import { settleSeconds, watchCommand } from './commands/watch';
import { cliEngine } from './engine-for-cli';
import { settingsFromFlags, type SettingsFlagValues } from './settings-flags';
import { requireTools } from './tools-check';
import { UsageError } from './usage';

// `framewright convert` and `watch`: their flags checked (each fault a usage sentence),
// then the run here (convert --farm: in a farm).

/** convert's own flags as commander parses them (the job flags come separately). */
export interface ConvertFlags {
  preset?: string;
  out?: string;
  presetFile?: string[];
  concurrency?: string;
  onExists?: string;
  stallTimeout?: string;
  resolutionPolicy?: string;
  strict?: true;
  dryRun?: true;
  events?: string;
  json?: true;
  verbose?: true;
  farm?: string;
}

/** A whole number from 1 to `max`, or a usage error naming the flag. */
export function positiveInt(value: string | undefined, flag: string, max: number) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${flag} needs a whole number from 1 to ${max}.`);
  return n;
}

/** The engine settings the flags change. */
function overridesFrom(flags: ConvertFlags): Partial<Settings> {
  const overrides: Partial<Settings> = {};
  const onExists = flags.onExists;
  if (onExists !== undefined) {
    const parsed = OnExistsSchema.safeParse(onExists);
    if (!parsed.success) throw new UsageError('--on-exists must be skip, rename or overwrite.');
    overrides.onExists = parsed.data;
  }
  const concurrency = positiveInt(flags.concurrency, '--concurrency', 64);
  const stall = positiveInt(flags.stallTimeout, '--stall-timeout', 86_400);
  if (concurrency !== undefined) overrides.concurrency = concurrency;
  if (stall !== undefined) overrides.stallTimeoutSec = stall;
  if (flags.strict === true) overrides.incompleteSource = 'fail';
  const policy = flags.resolutionPolicy;
  if (policy !== undefined) {
    const parsed = ResolutionPolicySchema.safeParse(policy);
    if (!parsed.success)
      throw new UsageError('--resolution-policy must be auto, reinit, fit or stretch.');
    overrides.resolutionPolicy = parsed.data;
  }
  return overrides;
}

export async function convertAction(
  paths: string[],
  flags: ConvertFlags,
  jobFlags: SettingsFlagValues,
  onActive: (running: Pick<Engine, 'dispose'>) => void,
): Promise<number> {
  const presetId = flags.preset;
  if (presetId === undefined)
    throw new UsageError('convert needs --preset <id> (see `framewright presets`).');
  const settings = settingsFromFlags(jobFlags, flags.out !== undefined);
  if (flags.out === undefined && settings?.folder !== 'beside-source')
    throw new UsageError('convert needs --out <dir> (or --beside-source).');
  if (flags.events !== undefined && flags.events !== 'ndjson')
    throw new UsageError('--events accepts only ndjson.');
  if (flags.farm !== undefined && flags.dryRun === true)
    throw new UsageError('--dry-run plans here; leave out --farm.');
  const overrides = overridesFrom(flags);
  const engine = await cliEngine(overrides, flags.presetFile ?? []);
  onActive(engine);
  try {
    try {
      engine.presetStore.require(presetId);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const options = {
      paths,
      presetId,
      outDir: flags.out,
      settings,
      dryRun: flags.dryRun === true,
      ndjson: flags.events === 'ndjson',
      json: flags.json === true,
      verbose: flags.verbose === true,
    };
    if (flags.farm !== undefined)
      return await (
        await import('./commands/convert-farm')
      ).convertOnFarm(engine, flags.farm, options);
    await requireTools(engine);
    return await convert(engine, options);
  } finally {
    await engine.dispose();
  }
}

/** watch's own flags as commander parses them (the job flags come separately). */
export interface WatchFlags {
  preset?: string;
  out?: string;
  settle?: string;
  presetFile?: string[];
  stateDir?: string;
  events?: string;
}

export async function watchAction(
  dirs: string[],
  flags: WatchFlags,
  jobFlags: SettingsFlagValues,
  onActive: (running: Pick<Engine, 'dispose'>) => void,
): Promise<number> {
  const { preset, out } = flags;
  if (preset === undefined)
    throw new UsageError('watch needs --preset <id> (see `framewright presets`).');
  if (out === undefined) throw new UsageError('watch needs --out <dir>.');
  if (flags.events !== undefined && flags.events !== 'ndjson')
    throw new UsageError('--events accepts only ndjson.');
  const settings = settingsFromFlags(jobFlags, true);
  const settleSec = settleSeconds(flags.settle);
  const engine = await cliEngine({}, flags.presetFile ?? []);
  onActive(engine);
  try {
    engine.presetStore.require(preset);
  } catch (error) {
    await engine.dispose();
    throw new UsageError((error as Error).message);
  }
  await requireTools(engine).catch(async (error: unknown) => {
    await engine.dispose();
    throw error;
  });
  return watchCommand(
    engine,
    {
      dirs,
      presetId: preset,
      outDir: out,
      settleSec,
      settings,
      stateDir: flags.stateDir,
      ndjson: flags.events === 'ndjson',
    },
    onActive,
  ).catch(async (error: unknown) => {
    await engine.dispose();
    throw error;
  });
}
