import type { FrameStatsEvent } from '../../app/jobs/frame-stats';
import type { Job } from '../../app/jobs/job';
import type { Progress } from '../../app/jobs/progress';
import { isTerminal } from '../../app/jobs/state';
import { formatBytes } from '../../app/util/format';
import { progressLine } from './format';

// What a run prints, one way for local and farm runs: `--events ndjson` (one JSON event
// per line), `--json` (a summary at the end), or lines for a person with a progress
// line on a terminal.

export interface Skipped {
  path: string;
  reason: string;
}

export const emit = (event: object): void => {
  process.stdout.write(`${JSON.stringify(event)}\n`);
};

export class RunOutput {
  readonly tty: boolean;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { ndjson: boolean; json: boolean }) {
    this.tty = process.stderr.isTTY && !options.ndjson && !options.json;
  }

  /** A job changed; a finished one gets its line (people) once. */
  job(job: Job, finished: boolean): void {
    if (this.options.ndjson) emit({ type: 'job', job: { ...job, log: undefined } });
    if (finished && !this.options.ndjson && !this.options.json) report(job, this.tty);
  }

  progress(event: { id: string; progress: Progress }): void {
    if (this.options.ndjson) emit({ type: 'progress', ...event });
  }

  frameStats(event: FrameStatsEvent): void {
    if (this.options.ndjson) emit({ type: 'frame-stats', ...event });
  }

  /** A sentence about the run (waiting, reconnecting): an event, or a line for people. */
  note(event: { type: string; message: string } & object): void {
    if (this.options.ndjson) emit(event);
    else if (!this.options.json)
      process.stderr.write(`${this.tty ? '\r\x1b[2K' : ''}${event.message}\n`);
  }

  skipped(skipped: readonly Skipped[]): void {
    for (const s of skipped) {
      if (this.options.ndjson) emit({ type: 'skipped', ...s });
      else if (!this.options.json) process.stderr.write(`Skipped ${s.path}: ${s.reason}\n`);
    }
  }

  /** A progress line on a terminal, four times a second, until `stop`. */
  ticker(state: () => { done: number; total: number; jobs: Job[] }): void {
    if (!this.tty) return;
    this.timer = setInterval(() => {
      const { done, total, jobs } = state();
      const running = jobs.filter((j) => !isTerminal(j.status) && j.status !== 'queued');
      const line = progressLine(
        done,
        total,
        running.map((job) => ({ job, progress: job.progress })),
        process.stderr.columns || 80,
      );
      process.stderr.write(`\r\x1b[2K${line}`);
    }, 250);
  }

  /**
   * Prints followed jobs (a farm run): a progress line over them and each event as it
   * comes; returns the handlers to follow them with. `settled` jobs ended before.
   */
  following(jobs: readonly Job[], settled = 0) {
    const latest = new Map(jobs.map((job) => [job.id, job]));
    let done = settled;
    this.ticker(() => ({ done, total: settled + jobs.length, jobs: [...latest.values()] }));
    return {
      job: (job: Job, finished: boolean): void => {
        latest.set(job.id, job);
        if (finished) done++;
        this.job(job, finished);
      },
      progress: (event: { id: string; progress: Progress }): void => this.progress(event),
      frameStats: (event: FrameStatsEvent): void => this.frameStats(event),
      note: (event: { type: string; message: string }): void => this.note(event),
    };
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.tty) process.stderr.write('\r\x1b[2K');
  }

  /** Nothing was queued: says so, and the exit code. */
  nothing(skipped: readonly Skipped[]): number {
    this.stop();
    if (!this.options.json) process.stderr.write('Nothing to convert.\n');
    else emit({ jobs: [], skipped });
    return 1;
  }

  /** The end of a run: the JSON summary or a count line; the exit code. */
  summary(jobs: readonly Job[], skipped: readonly Skipped[]): number {
    this.stop();
    if (this.options.json) {
      emit({
        jobs: jobs.map((j) => ({
          id: j.id,
          input: j.spec.input,
          output: j.output,
          status: j.status,
          error: j.error,
          warnings: j.warnings,
          outputBytes: j.outputBytes,
          chunks: j.chunks,
          decoder: j.decoder,
          worker: j.worker,
          chunkWorkers: j.chunkWorkers,
        })),
        skipped,
      });
    } else if (!this.options.ndjson) {
      const ok = jobs.filter((j) => j.status === 'done').length;
      process.stderr.write(
        `${ok} of ${jobs.length} converted${skipped.length ? `, ${skipped.length} skipped` : ''}.\n`,
      );
    }
    return jobs.every((j) => j.status === 'done') ? 0 : 1;
  }
}

function report(job: Job, tty: boolean): void {
  const name = job.spec.input;
  const chunked =
    job.chunkWorkers === undefined ? '' : ` (chunks on ${job.chunkWorkers.join(', ')})`;
  const where = job.worker === undefined ? '' : ` on ${job.worker}${chunked}`;
  const line =
    job.status === 'done'
      ? `✔ ${name} → ${job.output ?? '?'}${job.outputBytes !== null ? ` (${formatBytes(job.outputBytes)})` : ''}${where}`
      : `✖ ${name}: ${job.error ?? job.status}${where}`;
  process.stderr.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`);
  for (const warning of job.warnings) process.stderr.write(`    note: ${warning}\n`);
}
