import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ProbeOutcome, QueueState } from '../../../app/api/contract';
import type { JobSpec } from '../../../app/jobs/job';
import { UserFacingError } from '../../../app/util/errors';
import type { HostApi } from '../../api/host-api';
import { Emitter } from '../emitter';
import { expandPaths } from '../expand';
import type { JobQueue } from '../job-queue';
import type { PresetStore } from '../presets';
import { reusableProbe } from '../probe-reuse';
import type { JobAnalyses } from './analysis';
import type { Probe } from './media';
import type { SettingsHolder } from './settings';

export interface JobsDeps {
  queue: JobQueue;
  presets: PresetStore;
  settings: SettingsHolder;
  probe: Probe;
  /** Output folder when neither the call nor the settings name one. */
  defaultOutDir: string;
  concurrency: () => number;
  analyses: JobAnalyses;
}

/** A job's probe: remembered, so badges, the Inspector and previews do not probe the same file again. */
export async function inspectJob(
  { queue, probe }: Pick<JobsDeps, 'queue' | 'probe'>,
  id: string,
): Promise<ProbeOutcome> {
  const job = queue.get(id);
  if (job === undefined) throw new UserFacingError('That job is no longer in the queue.', 'no-job');
  // Probed again when the file changed since (the Inspector's probe includes the size scan).
  const cached = await reusableProbe(queue.probeOf(id), job.spec.input, true);
  if (cached) return { path: job.spec.input, ok: true, info: cached };
  const outcome = await probe(job.spec.input);
  if (outcome.ok) queue.rememberProbe(id, outcome.info);
  return outcome;
}

const withRoot = (sourceRoot: string | undefined): { sourceRoot?: string } =>
  sourceRoot === undefined ? {} : { sourceRoot };

export function jobsService(deps: JobsDeps): HostApi['jobs'] {
  const { queue, presets, settings } = deps;
  const queueStateChanged = new Emitter<QueueState>();
  const queueState = (): QueueState => ({
    running: queue.running,
    concurrency: deps.concurrency(),
    throttled: queue.throttled,
  });
  queue.stateChanged.on(() => queueStateChanged.emit(queueState()));

  return {
    list: () => Promise.resolve(queue.list()),
    add: async (input) => {
      const current = settings.value;
      const presetId = input.presetId ?? current.presetId;
      presets.require(presetId);
      const outDir = path.resolve(input.outDir ?? (current.outDir || deps.defaultOutDir));
      // Beside the source, the chosen folder is never written: do not create it.
      if (input.settings?.folder !== 'beside-source')
        await mkdir(outDir, { recursive: true }).catch(() => {
          throw new UserFacingError(
            `The output folder ${outDir} could not be created.`,
            'no-out-dir',
          );
        });
      const { files, skipped, roots } = await expandPaths(input.paths);
      const specs: JobSpec[] = files.map((file) => ({
        input: file,
        presetId,
        outDir,
        onExists: input.onExists ?? current.onExists,
        resolutionPolicy: input.resolutionPolicy ?? current.resolutionPolicy,
        incompleteSource: current.incompleteSource,
        ...(input.settings === undefined ? {} : { settings: input.settings }),
        ...withRoot(roots.get(file)),
      }));
      return { ids: queue.add(specs).map((job) => job.id), skipped };
    },
    start: () => {
      queue.start();
      return Promise.resolve(queueState());
    },
    pause: () => {
      queue.pause();
      return Promise.resolve(queueState());
    },
    queueState: () => Promise.resolve(queueState()),
    cancel: ({ ids }) => Promise.resolve(queue.cancel(ids)),
    retry: ({ ids }) => Promise.resolve(queue.retry(ids)),
    remove: ({ ids }) => Promise.resolve(queue.remove(ids)),
    clearFinished: () => Promise.resolve(queue.clearFinished()),
    inspect: ({ id }) => inspectJob(deps, id),
    setSettings: ({ ids, settings: changes }) =>
      new Promise<void>((resolve) => resolve(queue.setSettings(ids, changes))),
    analyze: ({ id }) => deps.analyses.ofJob(id),
    onAdded: queue.added.on,
    onUpdate: queue.updated.on,
    onRemoved: queue.removed.on,
    onProgress: queue.progressed.on,
    onFrameStats: queue.frameStats.on,
    onQueueState: queueStateChanged.on,
  };
}
