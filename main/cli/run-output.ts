import type { FrameStatsEvent } from '../../app/jobs/frame-stats';
import type { Job } from '../../app/jobs/job';
import { describeMetrics } from '../../app/jobs/metrics';
import type { Progress } from '../../app/jobs/progress';
import { isTerminal } from '../../app/jobs/state';
import { formatBytes } from '../../app/util/format';
import { EXIT } from './exit-codes';
import { progressBar } from './progress-bar';

// What a run prints, one way for local and farm runs: `--events ndjson` (one JSON event
// per line), `--json` (a summary at the end), or lines for a person; whenever stderr is a
// terminal, a progress bar there too. `--verbose` adds the ffmpeg log of each failed job.

export interface Skipped {
  path: string;
  reason: string;
}

export const emit = (event: object): void => {
  process.stdout.write(`${JSON.stringify(event)}\n`);
};

type RunState = () => { done: number; total: number; jobs: Job[] };

export class RunOutput {
  /** Draws the progress bar: stderr is a terminal. */
  readonly tty: boolean;
  private timer: NodeJS.Timeout | undefined;
  private state: RunState | undefined;

  constructor(
    private readonly options: { ndjson: boolean; json: boolean; verbose?: boolean | undefined },
  ) {
    this.tty = process.stderr.isTTY === true;
  }

  /** A job changed; a finished one gets its line (people) once, and its log with --verbose. */
  job(job: Job, finished: boolean): void {
    if (this.options.ndjson) emit({ type: 'job', job: { ...job, log: undefined } });
    if (finished && !this.options.ndjson && !this.options.json) report(job, this.tty);
    if (finished && this.options.verbose === true && job.status === 'failed' && job.log !== '')
      process.stderr.write(
        `${this.tty ? '\r\x1b[2K' : ''}FFmpeg's log for ${job.spec.input}:\n${job.log.trimEnd().replace(/^/gm, '    ')}\n`,
      );
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

  /** The progress bar on a terminal, drawn now and four times a second until `stop`. */
  ticker(state: RunState): void {
    if (!this.tty) return;
    this.state = state;
    this.draw();
    this.timer = setInterval(() => this.draw(), 250);
  }

  /** Draws the bar again at once (a job was added or ended), once there is a job. */
  draw(): void {
    if (this.state === undefined) return;
    const { done, total, jobs } = this.state();
    if (total === 0) return;
    const running = jobs.filter((j) => !isTerminal(j.status) && j.status !== 'queued');
    const line = progressBar(
      done,
      total,
      running.map((job) => ({ job, progress: job.progress })),
      process.stderr.columns || 80,
    );
    process.stderr.write(`\r\x1b[2K${line}`);
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
        if (finished) this.draw();
      },
      progress: (event: { id: string; progress: Progress }): void => this.progress(event),
      frameStats: (event: FrameStatsEvent): void => this.frameStats(event),
      note: (event: { type: string; message: string }): void => this.note(event),
    };
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.tty && this.state !== undefined) process.stderr.write('\r\x1b[2K');
    this.state = undefined;
  }

  /** Nothing was queued (no input is media): says so, and the exit code. */
  nothing(skipped: readonly Skipped[]): number {
    this.stop();
    if (!this.options.json) process.stderr.write('Nothing to convert: no input is a media file.\n');
    else emit({ jobs: [], skipped });
    return EXIT.badInput;
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
          quality: j.quality,
          metrics: j.metrics,
          metricFrames: j.metricFrames,
        })),
        skipped,
      });
    } else if (!this.options.ndjson) {
      const ok = jobs.filter((j) => j.status === 'done').length;
      process.stderr.write(
        `${ok} of ${jobs.length} converted${skipped.length ? `, ${skipped.length} skipped` : ''}.\n`,
      );
    }
    return jobs.every((j) => j.status === 'done') ? EXIT.done : EXIT.failed;
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
  if (job.metrics !== undefined)
    process.stderr.write(`    quality: ${describeMetrics(job.metrics)}\n`);
  for (const warning of job.warnings) process.stderr.write(`    note: ${warning}\n`);
}
