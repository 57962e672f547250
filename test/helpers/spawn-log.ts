import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine, EngineOptions } from '../../main/engine/engine';
import { testEngine } from './engine';

export interface SpawnLog {
  engine: Engine;
  /** The argv of every program the worker started, in order. */
  argvs(from?: number): string[][];
  /** How many programs the worker has started so far. */
  count(): number;
}

/** A test engine whose worker records each program's argv at spawn time in `dir`. */
export async function engineWithSpawnLog(
  dir: string,
  options: Partial<EngineOptions> = {},
): Promise<SpawnLog> {
  const log = path.join(dir, 'spawned.jsonl');
  writeFileSync(log, '');
  // The worker is forked with this variable.
  process.env.FRAMEWRIGHT_SPAWN_LOG = log;
  const engine = await testEngine(options);
  delete process.env.FRAMEWRIGHT_SPAWN_LOG;
  const lines = (): string[] => readFileSync(log, 'utf8').split('\n').slice(0, -1);
  return {
    engine,
    argvs: (from = 0) =>
      lines()
        .slice(from)
        .map((line) => JSON.parse(line) as string[]),
    count: () => lines().length,
  };
}
