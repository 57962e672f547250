import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FramewrightApi, ProbeOutcome, QueueState } from '../../app/api/contract';
import { SettingsSchema, DEFAULT_SETTINGS, type Settings } from '../../app/api/settings';
import type { JobSpec } from '../../app/jobs/job';
import { UserFacingError } from '../../app/util/errors';
import { userCacheDir } from '../../platform/folders';
import { Emitter } from './emitter';
import { HardwareService } from './hardware';
import { createLimiter } from '../../app/util/limit';
import { IdleCollector } from '../../app/util/idle-gc';
import { expandPaths } from './expand';
import { JobQueue, defaultConcurrency } from './job-queue';
import { StateFile } from './persistence';
import { PresetStore } from './presets';
import { sampleMedia } from './sample-media';
import { measureMemoryVia } from './scheduler';
import { decideOutput } from './output';
import { chooseEncoder, planOnHost } from './host-plan';
import { WorkerSupervisor } from './supervisor';
import type { WorkerLauncher } from './worker-port';

export interface EngineOptions {
  /** Folder for queue, history, settings and custom presets; null keeps everything in memory (CLI). */
  stateDir: string | null;
  /** Starts the worker process (fork here, utilityProcess in Electron). */
  launchWorker: WorkerLauncher;
  /** Output folder when neither the call nor the settings name one. */
  defaultOutDir: string;
  /** Folder with the built-in preset JSON files (resources/presets). */
  presetsDir: string;
  /** Settings that win over saved ones for this run (CLI flags). */
  overrides?: Partial<Settings>;
  /** Memory high-water check (a sentence when memory is short); tests replace it. */
  memoryCheck?: () => string | null;
  /** Cache folder (hardware matrix); default: stateDir/cache, else the user's cache folder. */
  cacheDir?: string;
}

function defaultCacheDir(stateDir: string | null): string {
  if (stateDir !== null) return path.join(stateDir, 'cache');
  return userCacheDir();
}

export interface Engine extends FramewrightApi {
  /** Cancels running jobs cleanly, stops the worker, flushes state. Safe to call twice. */
  dispose(): Promise<void>;
  /** Problems met while loading presets or saved state, as sentences. */
  readonly startupProblems: string[];
  readonly presetStore: PresetStore;
  readonly queue: JobQueue;
  /** The worker's process id while it runs (diagnostics and fault tests). */
  workerPid(): number | undefined;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.overrides };
  const supervisor: WorkerSupervisor = new WorkerSupervisor(options.launchWorker, () => {
    void supervisor.request('configure', binarySettings()).catch(() => undefined);
  });
  // Nearly every use needs the worker: its start-up overlaps loading presets and state.
  supervisor.warmUp();
  const presetStore = new PresetStore(
    options.presetsDir,
    options.stateDir === null ? null : path.join(options.stateDir, 'presets'),
  );
  /** A failed start-up stops the worker it already started. */
  const orStop = async <T>(step: Promise<T>): Promise<T> =>
    step.catch(async (error: unknown) => {
      await supervisor.stop();
      throw error;
    });
  const startupProblems = await orStop(presetStore.load());
  const autoConcurrency = defaultConcurrency(await measureMemoryVia(supervisor));

  const binarySettings = () => ({
    ...(settings.ffmpegPath ? { ffmpegPath: settings.ffmpegPath } : {}),
    ...(settings.ffprobePath ? { ffprobePath: settings.ffprobePath } : {}),
  });
  const hardware = new HardwareService(
    supervisor,
    options.cacheDir ?? defaultCacheDir(options.stateDir),
  );
  const queue = new JobQueue({
    supervisor,
    presets: presetStore,
    concurrency: () => settings.concurrency || autoConcurrency,
    stallTimeoutMs: () => settings.stallTimeoutSec * 1000,
    ...(options.memoryCheck ? { memoryCheck: options.memoryCheck } : {}),
    hardware: () => hardware.inspect(false),
  });

  const state =
    options.stateDir === null
      ? null
      : new StateFile(options.stateDir, () => ({
          settings,
          jobs: queue.list().map((j) => ({ ...j, progress: null })),
          temps: [...queue.temps],
        }));
  if (state !== null) {
    const loaded = await orStop(state.load());
    settings = { ...loaded.settings, ...options.overrides };
    queue.restore(loaded.jobs);
    startupProblems.push(...loaded.problems);
    state.failed.on((problem) => startupProblems.push(problem));
  }
  // A drained queue collects its garbage once (with --expose-gc, as the launchers start the web host).
  const collector = new IdleCollector();
  queue.drained.on(() => collector.idle());
  queue.removed.on(() => {
    if (queue.activeCount === 0) collector.idle();
  });
  const persist = (): void => state?.schedule();
  queue.added.on(persist);
  queue.updated.on(persist);
  queue.removed.on(persist);
  if (settings.ffmpegPath || settings.ffprobePath)
    void supervisor.request('configure', binarySettings()).catch(() => undefined);

  const queueStateChanged = new Emitter<QueueState>();
  const presetsChanged = new Emitter<ReturnType<PresetStore['list']>>();
  const settingsChanged = new Emitter<Settings>();
  const queueState = (): QueueState => ({
    running: queue.running,
    concurrency: settings.concurrency || autoConcurrency,
    throttled: queue.throttled,
  });
  queue.stateChanged.on(() => queueStateChanged.emit(queueState()));

  // Probes run a few at a time, whatever the number of files asked about.
  const probeSlot = createLimiter(Math.max(2, os.availableParallelism()));
  const probeOne = async (file: string): Promise<ProbeOutcome> => {
    try {
      const info = await probeSlot(() =>
        supervisor.request('probe', {
          path: path.resolve(file),
          timeoutMs: settings.stallTimeoutSec * 1000,
          scanResolution: true,
        }),
      );
      return { path: file, ok: true, info };
    } catch (error) {
      return {
        path: file,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  };

  let disposed: Promise<void> | null = null;

  const engine: Engine = {
    startupProblems,
    presetStore,
    queue,
    workerPid: () => supervisor.pid,
    media: {
      probe: async ({ paths }) => Promise.all(paths.map(probeOne)),
    },
    jobs: {
      list: () => Promise.resolve(queue.list()),
      add: async (input) => {
        const presetId = input.presetId ?? settings.presetId;
        presetStore.require(presetId);
        const outDir = path.resolve(input.outDir ?? (settings.outDir || options.defaultOutDir));
        await mkdir(outDir, { recursive: true }).catch(() => {
          throw new UserFacingError(
            `The output folder ${outDir} could not be created.`,
            'no-out-dir',
          );
        });
        const { files, skipped } = await expandPaths(input.paths);
        const specs: JobSpec[] = files.map((file) => ({
          input: file,
          presetId,
          outDir,
          onExists: input.onExists ?? settings.onExists,
          resolutionPolicy: input.resolutionPolicy ?? settings.resolutionPolicy,
          incompleteSource: settings.incompleteSource,
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
      inspect: async ({ id }) => {
        const job = queue.get(id);
        if (job === undefined)
          throw new UserFacingError('That job is no longer in the queue.', 'no-job');
        const cached = queue.probeOf(id);
        if (cached) return { path: job.spec.input, ok: true, info: cached };
        const outcome = await probeOne(job.spec.input);
        // Remembered, so badges and the Inspector do not probe the same file again.
        if (outcome.ok) queue.rememberProbe(id, outcome.info);
        return outcome;
      },
      // Wired by the job-settings work (placeholders until then).
      setSettings: () => Promise.reject(new UserFacingError('Not available yet.', 'unsupported')),
      analyze: () => Promise.reject(new UserFacingError('Not available yet.', 'unsupported')),
      onAdded: queue.added.on,
      onUpdate: queue.updated.on,
      onRemoved: queue.removed.on,
      onProgress: queue.progressed.on,
      onFrameStats: queue.frameStats.on,
      onQueueState: queueStateChanged.on,
    },
    presets: {
      list: () => Promise.resolve(presetStore.list()),
      commandFor: async ({ presetId, jobId }) => {
        const preset = presetStore.require(presetId);
        const job = jobId === undefined ? undefined : queue.get(jobId);
        const info =
          (jobId !== undefined ? queue.probeOf(jobId) : undefined) ??
          sampleMedia(job?.spec.input ?? '/path/to/input.mov');
        const outDir = job?.spec.outDir ?? (settings.outDir || options.defaultOutDir);
        // The run's own planner and choices; 'rename' names a temp file like every policy.
        const output = await decideOutput(info.path, outDir, preset.extension, 'rename');
        const encoder = await chooseEncoder(preset, () => hardware.inspect(false));
        const plan = planOnHost({
          info,
          preset,
          hardware: encoder.hw,
          policy: job?.spec.resolutionPolicy ?? settings.resolutionPolicy,
          output: {
            final: output.final,
            temp: output.kind === 'write' ? output.temp : output.final,
          },
        });
        // The preview shows one command: the step that writes the output.
        return plan.steps.at(-1)?.args ?? [];
      },
      import: async ({ json }) => {
        const preset = await presetStore.import(json);
        presetsChanged.emit(presetStore.list());
        return preset;
      },
      export: ({ id }) => Promise.resolve(`${JSON.stringify(presetStore.require(id), null, 2)}\n`),
      remove: async ({ id }) => {
        await presetStore.remove(id);
        presetsChanged.emit(presetStore.list());
      },
      save: () => Promise.reject(new UserFacingError('Not available yet.', 'unsupported')),
      onChanged: presetsChanged.on,
    },
    preview: {
      make: () => Promise.reject(new UserFacingError('Not available yet.', 'unsupported')),
      cancel: () => Promise.resolve(),
    },
    settings: {
      get: () => Promise.resolve(settings),
      set: (changes) => {
        const next = SettingsSchema.parse({ ...settings, ...changes });
        const binariesChanged =
          next.ffmpegPath !== settings.ffmpegPath || next.ffprobePath !== settings.ffprobePath;
        settings = next;
        if (binariesChanged)
          void supervisor.request('configure', binarySettings()).catch(() => undefined);
        persist();
        settingsChanged.emit(settings);
        queue.pump();
        return Promise.resolve(settings);
      },
      onChanged: settingsChanged.on,
    },
    system: {
      doctor: () => supervisor.request('configure', binarySettings()),
    },
    hardware: {
      inspect: ({ refresh }) => hardware.inspect(refresh ?? false),
    },
    dispose: () => {
      disposed ??= (async () => {
        await queue.cancelAll();
        await supervisor.stop();
        await state?.flush();
      })();
      return disposed;
    },
  };
  return engine;
}
