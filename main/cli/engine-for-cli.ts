import type { Settings } from '../../app/api/settings';
import { createEngine, type Engine } from '../engine/engine';
import { forkLauncher } from '../engine/worker-port';
import { defaultOutDir, userLogDir, userPresetsDir } from '../../platform/folders';
import { openProcessLog, type ProcessKind } from '../log/process-log';
import { presetsDir, workerPath } from './paths';
import { UsageError } from './usage';

/**
 * An in-memory engine for one CLI command (no saved queue), with the user's saved
 * presets beside the built-in ones. A --preset-file that cannot
 * be read or is not a valid preset is a usage error (exit 2), its sentence naming the fault.
 */
export async function cliEngine(
  overrides: Partial<Settings> = {},
  presetFiles: string[] = [],
  /** Whose log it writes: one-shot commands share cli.log, the farm worker has worker.log. */
  logKind: ProcessKind = 'cli',
): Promise<Engine> {
  openProcessLog(logKind, userLogDir());
  const engine = await createEngine({
    stateDir: null,
    launchWorker: forkLauncher(workerPath),
    defaultOutDir: defaultOutDir(),
    presetsDir,
    userPresetsDir: userPresetsDir(),
    overrides,
  });
  for (const file of presetFiles) {
    const { readFile } = await import('node:fs/promises');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      await engine.dispose();
      throw new UsageError(`The preset file ${file} could not be read.`);
    }
    try {
      engine.presetStore.addTransient(engine.presetStore.parse(text, file));
    } catch (error) {
      await engine.dispose();
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  return engine;
}
