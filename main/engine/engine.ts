// PLACEHOLDER — the engine lands here (owned by the lead). Shape of the public surface:
import type { FramewrightApi } from '../../app/api/contract';
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
}

export interface Engine extends FramewrightApi {
  /** Cancels running jobs cleanly, stops the worker, flushes state. Safe to call twice. */
  dispose(): Promise<void>;
}

export declare function createEngine(options: EngineOptions): Promise<Engine>;
