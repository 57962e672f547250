import path from 'node:path';
import type { FarmStatus } from '../../app/api/contract';
import type { Settings } from '../../app/api/settings';
import type { Analysis } from '../../app/jobs/settings';
import { IdleCollector } from '../../app/util/idle-gc';
import { userCacheDir } from '../../platform/folders';
import type { HostApi } from '../api/host-api';
import { HardwareService } from './hardware';
import { JobQueue, defaultConcurrency, type JobRunner } from './job-queue';
import { StateFile } from './persistence';
import { PresetStore } from './presets';
import { PreviewService } from './preview';
import { measureMemoryVia } from './scheduler';
import { WorkerSupervisor } from './supervisor';
import type { WorkerLauncher } from './worker-port';
import { JobAnalyses } from './services/analysis';
import { createProbe, mediaService, type Probe } from './services/media';
import { jobsService } from './services/jobs';
import { presetsService } from './services/presets';
import { previewService } from './services/preview';
import { SettingsHolder, settingsService } from './services/settings';
import { hardwareService, systemService } from './services/system';
import { hostWatch, type HostWatchOptions } from '../watch/host-watch';

// The engine: wires the worker, the queue, saved state and the services (one file each
// in services/) into the api every host serves.

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
  /** Cache folder (hardware matrix, previews); default: stateDir/cache, else the user's cache folder. */
  cacheDir?: string;
  /**
   * The user's presets (JSON files); default stateDir/presets, none without a state
   * folder. Hosts pass platform/folders.ts userPresetsDir(), one store for the app and the CLI.
   */
  userPresetsDir?: string | null;
  /** Runs each job somewhere else (a farm) instead of with the local worker. */
  runner?: JobRunner;
  /** The farm's workers, for the app's Farm view (with `runner`). */
  farmStatus?: () => Promise<FarmStatus>;
  /** Watch folders' settle time and polls (tests shorten them). */
  watch?: Pick<HostWatchOptions, 'settleMs' | 'times'>;
}

function defaultCacheDir(stateDir: string | null): string {
  if (stateDir !== null) return path.join(stateDir, 'cache');
  return userCacheDir();
}

export interface Engine extends HostApi {
  /** Cancels running jobs cleanly, stops the worker, flushes state. Safe to call twice. */
  dispose(): Promise<void>;
  /** Problems met while loading presets or saved state, as sentences. */
  readonly startupProblems: string[];
  readonly presetStore: PresetStore;
  readonly queue: JobQueue;
  /** The worker's process id while it runs (diagnostics and fault tests). */
  workerPid(): number | undefined;
  /** The sandboxed worker's requests: a farm chunk runs one step of a job's plan with it. */
  readonly supervisor: WorkerSupervisor;
  /** The stall watchdog's limit now, in milliseconds. */
  stallTimeoutMs(): number;
  /** Probes one file through the worker, a few at once (farm submission names outputs with it). */
  readonly probe: Probe;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const settings = new SettingsHolder(options.overrides);
  const configure = (): void =>
    void supervisor.request('configure', settings.binaries()).catch(() => undefined);
  const supervisor: WorkerSupervisor = new WorkerSupervisor(options.launchWorker, configure);
  // Nearly every use needs the worker: its start-up overlaps loading presets and state.
  supervisor.warmUp();
  const presetStore = new PresetStore(
    options.presetsDir,
    options.userPresetsDir !== undefined
      ? options.userPresetsDir
      : options.stateDir === null
        ? null
        : path.join(options.stateDir, 'presets'),
  );
  /** A failed start-up stops the worker it already started. */
  const orStop = async <T>(step: Promise<T>): Promise<T> =>
    step.catch(async (error: unknown) => {
      await supervisor.stop();
      throw error;
    });
  const startupProblems = await orStop(presetStore.load());
  const autoConcurrency = defaultConcurrency(await measureMemoryVia(supervisor));
  const concurrency = (): number => settings.value.concurrency || autoConcurrency;
  const stallTimeoutMs = (): number => settings.value.stallTimeoutSec * 1000;

  const cacheDir = options.cacheDir ?? defaultCacheDir(options.stateDir);
  const hardware = new HardwareService(supervisor, cacheDir);
  const queue: JobQueue = new JobQueue({
    supervisor,
    presets: presetStore,
    concurrency,
    stallTimeoutMs,
    ...(options.memoryCheck ? { memoryCheck: options.memoryCheck } : {}),
    hardware: { tested: () => hardware.inspect(false), saved: () => hardware.saved() },
    analyze: (id, info, signal): Promise<Analysis> => analyses.of(id, info, signal),
    ...(options.runner ? { runner: options.runner } : {}),
  });

  const state =
    options.stateDir === null
      ? null
      : new StateFile(options.stateDir, () => ({
          settings: settings.value,
          jobs: queue.list().map((j) => ({ ...j, progress: null })),
          temps: [...queue.temps],
        }));
  if (state !== null) {
    const loaded = await orStop(state.load());
    settings.restore(loaded.settings);
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
  if (settings.value.ffmpegPath || settings.value.ffprobePath) configure();

  const probe = createProbe(supervisor, stallTimeoutMs);
  const analyses: JobAnalyses = new JobAnalyses({
    queue,
    probe,
    supervisor,
    timeoutMs: stallTimeoutMs,
  });
  const previews = new PreviewService({
    supervisor,
    folder: path.join(cacheDir, 'previews'),
    stallTimeoutMs,
  });
  const defaultOutDir = options.defaultOutDir;
  const jobs = jobsService({
    queue,
    presets: presetStore,
    settings,
    probe,
    defaultOutDir,
    concurrency,
    analyses,
  });
  // Saved watch folders start watching now (main/watch/host-watch.ts).
  const watch = await orStop(
    hostWatch({
      stateDir: options.stateDir,
      jobs,
      requirePreset: (id) => presetStore.require(id),
      log: (sentence) => console.error(`[framewright] ${sentence}`),
      ...options.watch,
    }),
  );
  let disposed: Promise<void> | null = null;

  return {
    startupProblems,
    presetStore,
    queue,
    workerPid: () => supervisor.pid,
    supervisor,
    stallTimeoutMs,
    probe,
    media: mediaService(probe),
    jobs,
    presets: presetsService({ store: presetStore, queue, settings, hardware, defaultOutDir }),
    preview: previewService({
      queue,
      presets: presetStore,
      probe,
      analyses,
      hardware,
      previews,
    }),
    settings: settingsService({ holder: settings, configure, persist, pump: () => queue.pump() }),
    system: systemService(supervisor, settings, hardware),
    hardware: hardwareService(hardware),
    farm: { status: async () => (options.farmStatus ? options.farmStatus() : null) },
    watch: watch.api,
    dispose: () => {
      disposed ??= (async () => {
        await watch.close();
        await queue.cancelAll();
        await previews.dispose();
        await supervisor.stop();
        await state?.flush();
      })();
      return disposed;
    },
  };
}
