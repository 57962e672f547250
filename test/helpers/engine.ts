import path from 'node:path';
import type { Job } from '../../app/jobs/job';
import { isTerminal } from '../../app/jobs/state';
import { createEngine, type Engine, type EngineOptions } from '../../main/engine/engine';
import { forkLauncher } from '../../main/engine/worker-port';
import { root } from './cli';
import { tempDir } from './media';

export async function testEngine(options: Partial<EngineOptions> = {}): Promise<Engine> {
  return createEngine({
    stateDir: null,
    launchWorker: forkLauncher(path.join(root, 'dist/worker.js')),
    defaultOutDir: tempDir('fw-out-'),
    presetsDir: path.join(root, 'resources/presets'),
    ...options,
  });
}

/** Resolves with the first update of job `id` that matches. */
export function nextUpdate(engine: Engine, id: string, match: (job: Job) => boolean): Promise<Job> {
  return new Promise((resolve) => {
    const off = engine.jobs.onUpdate((job) => {
      if (job.id === id && match(job)) {
        off();
        resolve(job);
      }
    });
  });
}

/** Resolves when every listed job is in a terminal state. */
export async function settled(engine: Engine, ids: string[]): Promise<Job[]> {
  const pending = new Set(ids);
  const current = await engine.jobs.list();
  for (const job of current)
    if (pending.has(job.id) && isTerminal(job.status)) pending.delete(job.id);
  if (pending.size > 0) {
    await new Promise<void>((resolve) => {
      const off = engine.jobs.onUpdate((job) => {
        if (isTerminal(job.status)) pending.delete(job.id);
        if (pending.size === 0) {
          off();
          resolve();
        }
      });
    });
  }
  const all = await engine.jobs.list();
  return ids.map((id) => all.find((j) => j.id === id)).filter((j): j is Job => j !== undefined);
}
