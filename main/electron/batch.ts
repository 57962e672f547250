import type { Job } from '../../app/jobs/job';
import { isTerminal, type JobStatus } from '../../app/jobs/state';
import { plural } from '../../app/util/format';

// Follows one batch of work for the taskbar/dock progress bar and the "batch finished"
// notification. A batch opens when a job becomes active and ends when nothing is active
// and nothing more will start. Pure, for unit tests.

export interface BatchSummary {
  done: number;
  failed: number;
  cancelled: number;
}

const ACTIVE: readonly JobStatus[] = ['probing', 'running', 'finalizing'];

/** What the tracker needs of a job (a full Job fits). */
export type JobState = Pick<Job, 'id' | 'status'> & {
  progress?: { percent: number | null } | null;
};

interface Tracked {
  status: JobStatus;
  percent: number;
}

export class BatchTracker {
  private readonly jobs = new Map<string, Tracked>();
  private readonly batch = new Set<string>();
  private queueRunning = false;

  constructor(jobs: readonly JobState[] = [], queueRunning = false) {
    this.queueRunning = queueRunning;
    this.updateAll(jobs);
  }

  /** Records a job's new state; returns the summary when this ended the batch. */
  update(job: JobState): BatchSummary | null {
    this.record(job);
    return this.check();
  }

  /** Records many jobs at once (a large add), checking the batch once for all of them. */
  updateAll(jobs: readonly JobState[]): BatchSummary | null {
    for (const job of jobs) this.record(job);
    return this.check();
  }

  private record(job: JobState): void {
    const previous = this.jobs.get(job.id);
    const percent = job.status === 'queued' ? 0 : (job.progress?.percent ?? previous?.percent ?? 0);
    this.jobs.set(job.id, { status: job.status, percent });
    if (ACTIVE.includes(job.status)) this.batch.add(job.id);
  }

  progress(id: string, percent: number | null): void {
    const tracked = this.jobs.get(id);
    if (tracked !== undefined && percent !== null)
      tracked.percent = Math.min(100, Math.max(0, percent));
  }

  removed(ids: readonly string[]): BatchSummary | null {
    for (const id of ids) {
      this.jobs.delete(id);
      this.batch.delete(id);
    }
    return this.check();
  }

  setQueueRunning(running: boolean): BatchSummary | null {
    this.queueRunning = running;
    return this.check();
  }

  /** 0..1 across the batch, or null when no batch is open (hide the bar). */
  fraction(): number | null {
    if (this.batch.size === 0) return null;
    let sum = 0;
    for (const id of this.batch) {
      const tracked = this.jobs.get(id);
      if (tracked === undefined) continue;
      sum += isTerminal(tracked.status) ? 1 : tracked.percent / 100;
    }
    const waiting = this.waitingCount();
    return sum / (this.batch.size + waiting);
  }

  /** Queued jobs outside the batch that the running queue will still start. */
  private waitingCount(): number {
    if (!this.queueRunning) return 0;
    let count = 0;
    for (const [id, tracked] of this.jobs)
      if (tracked.status === 'queued' && !this.batch.has(id)) count++;
    return count;
  }

  private check(): BatchSummary | null {
    if (this.batch.size === 0) return null;
    const summary: BatchSummary = { done: 0, failed: 0, cancelled: 0 };
    for (const id of this.batch) {
      const status = this.jobs.get(id)?.status;
      if (status === undefined) continue;
      if (!isTerminal(status)) {
        if (status !== 'queued' || this.queueRunning) return null; // still working, or will be
        continue;
      }
      if (status === 'done') summary.done++;
      else if (status === 'failed') summary.failed++;
      else summary.cancelled++;
    }
    if (this.waitingCount() > 0) return null;
    this.batch.clear();
    return summary;
  }
}

/** The notification sentence for a finished batch. */
export function summarySentence(summary: BatchSummary): string {
  const { done, failed, cancelled } = summary;
  if (done === 0 && failed === 0)
    return cancelled === 1 ? 'The job was cancelled.' : `All ${cancelled} jobs were cancelled.`;
  if (failed === 0 && cancelled === 0) return `${plural(done, 'file', 'files')} converted.`;
  const parts = [`${done} converted`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (cancelled > 0) parts.push(`${cancelled} cancelled`);
  return `${parts.join(', ')}.`;
}
