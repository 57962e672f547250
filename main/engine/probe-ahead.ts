import type { MediaInfo } from '../../app/media/model';
import type { ProbeRequest } from './probe-reuse';
import type { WorkerSupervisor } from './supervisor';

interface Ahead {
  controller: AbortController;
  result: Promise<MediaInfo>;
}

/**
 * Probes the next queued jobs while the current ones encode, so a job that starts finds
 * its probe done or under way. At most `limit` probes are held (running or finished and
 * not yet taken); a job cancelled or removed before it starts has its probe aborted.
 */
export class ProbeAhead {
  private readonly held = new Map<string, Ahead>();

  constructor(private readonly supervisor: WorkerSupervisor) {}

  has(id: string): boolean {
    return this.held.has(id);
  }

  /** Starts the probe of job `id` unless one is held already or `limit` are. */
  start(id: string, request: ProbeRequest, limit: number): void {
    if (this.held.has(id) || this.held.size >= limit) return;
    const controller = new AbortController();
    const result = this.supervisor.request('probe', request, { signal: controller.signal });
    result.catch(() => undefined); // its failure is the job's to report when it starts
    this.held.set(id, { controller, result });
  }

  /**
   * Hands the probe of job `id` to the job that starts now (undefined when none was
   * taken ahead); `signal` (the job's) aborts it from then on.
   */
  take(id: string, signal: AbortSignal): Promise<MediaInfo> | undefined {
    const ahead = this.held.get(id);
    if (ahead === undefined) return undefined;
    this.held.delete(id);
    if (signal.aborted) ahead.controller.abort();
    else signal.addEventListener('abort', () => ahead.controller.abort(), { once: true });
    return ahead.result;
  }

  /** Aborts and forgets the probes of these jobs (cancelled, removed, or all at shutdown). */
  drop(ids: Iterable<string> = [...this.held.keys()]): void {
    for (const id of ids) {
      this.held.get(id)?.controller.abort();
      this.held.delete(id);
    }
  }
}
