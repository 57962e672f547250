import {
  WORKER_METHODS,
  WorkerToMainSchema,
  type WorkerMethod,
  type WorkerParams,
  type WorkerResult,
} from '../../app/worker/protocol';
import type { FrameStatsBatch } from '../../app/jobs/frame-stats';
import type { Progress } from '../../app/jobs/progress';
import { deserializeError } from '../../app/util/errors';
import { logRequest, logWorkerRestart } from '../log/requests';
import type { WorkerLauncher, WorkerPort } from './worker-port';

// Owns the worker process: starts it, validates what it says, restarts it after a
// crash (failing the requests it was serving with the reason), sweeps any program it
// left behind, and stops it gracefully then by force.

export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
  readonly code = 'worker-crashed';
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((progress: Progress) => void) | undefined;
  onFrameStats: ((batch: FrameStatsBatch) => void) | undefined;
  method: WorkerMethod;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onFrameStats?: (batch: FrameStatsBatch) => void;
}

export class WorkerSupervisor {
  private port: WorkerPort | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Process groups the worker reports alive; killed if the worker dies. */
  private readonly children = new Set<number>();
  private stopping = false;
  private restarts = 0;

  constructor(
    private readonly launch: WorkerLauncher,
    private readonly onRestart: (reason: string) => void = () => undefined,
  ) {}

  get pid(): number | undefined {
    return this.port?.pid;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** Starts the worker now rather than at the first request (its Node start-up overlaps the caller's). */
  warmUp(): void {
    if (!this.stopping) this.ensure();
  }

  private ensure(): WorkerPort {
    if (this.port !== null) return this.port;
    const port = this.launch();
    this.port = port;
    port.onMessage((raw) => this.receive(raw));
    port.onExit((code, signal) => this.exited(port, code, signal));
    return port;
  }

  private receive(raw: unknown): void {
    const parsed = WorkerToMainSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'ready') return;
    if (message.type === 'child') {
      if (message.alive) this.children.add(message.pid);
      else this.children.delete(message.pid);
      return;
    }
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    if (message.type === 'frame-stats') {
      pending.onFrameStats?.(message.batch);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'error') {
      pending.reject(deserializeError(message.error));
      return;
    }
    const result = WORKER_METHODS[pending.method].result.safeParse(message.result);
    if (result.success) pending.resolve(result.data);
    else
      pending.reject(
        new Error(
          `The worker sent an invalid ${pending.method} result: ${result.error.issues[0]?.message ?? ''}`,
        ),
      );
  }

  private exited(port: WorkerPort, code: number | null, signal: string | null): void {
    if (this.port !== port) return;
    this.port = null;
    // Anything the worker started dies with it: no orphans.
    for (const pid of this.children) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.children.clear();
    if (this.stopping) return;
    const reason = `The conversion worker stopped unexpectedly (${signal ?? `exit code ${code ?? '?'}`}).`;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new WorkerCrashedError(reason));
    }
    this.restarts += 1;
    logWorkerRestart(reason, this.restarts);
    this.onRestart(reason);
  }

  request<M extends WorkerMethod>(
    method: M,
    params: WorkerParams<M>,
    options: RequestOptions = {},
  ): Promise<WorkerResult<M>> {
    if (this.stopping) return Promise.reject(new Error('Framewright is shutting down.'));
    const port = this.ensure();
    const id = this.nextId++;
    const logged = logRequest(method, params);
    return new Promise<WorkerResult<M>>((resolve, reject) => {
      const onAbort = (): void => port.send({ type: 'cancel', id });
      this.pending.set(id, {
        resolve: (value) => {
          options.signal?.removeEventListener('abort', onAbort);
          logged();
          resolve(value as WorkerResult<M>);
        },
        reject: (error) => {
          options.signal?.removeEventListener('abort', onAbort);
          logged(error);
          reject(error);
        },
        onProgress: options.onProgress,
        onFrameStats: options.onFrameStats,
        method,
      });
      port.send({ type: 'request', id, method, params });
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Asks the worker to cancel everything and exit; kills it if it has not within `graceMs`. */
  async stop(graceMs = 4000): Promise<void> {
    this.stopping = true;
    const port = this.port;
    if (port === null) return;
    const gone = new Promise<void>((resolve) => port.onExit(() => resolve()));
    port.send({ type: 'shutdown' });
    const timer = setTimeout(() => port.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new Error('Cancelled: Framewright is shutting down.'));
    }
  }
}
