import type { Job } from '../../app/jobs/job';
import type { Progress } from '../../app/jobs/progress';
import { formatClock } from '../../app/util/clock';
import { fileName } from '../../app/util/format';

// The progress bar a run draws on a terminal (stderr): the whole run's share done, then
// up to three running jobs with their percent, speed and time left.

const CELLS = 20;

export interface Running {
  job: Job;
  progress: Progress | null;
}

/** One line, at most `width` characters: `[1/3] ███████░░░░░░░░░░░░░  35%  a.mp4 5% 2.0x ETA 0:09`. */
export function progressBar(
  done: number,
  total: number,
  running: readonly Running[],
  width: number,
): string {
  const partial = running.reduce((sum, r) => sum + (r.progress?.percent ?? 0) / 100, 0);
  const share = total === 0 ? 0 : Math.min(1, (done + partial) / total);
  const filled = Math.round(share * CELLS);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(CELLS - filled)}`;
  const jobs = running.slice(0, 3).map(({ job, progress }) => {
    const pct = progress?.percent != null ? `${Math.floor(progress.percent)}%` : '…';
    const speed = progress?.speed != null ? ` ${progress.speed.toFixed(1)}x` : '';
    const eta = progress?.etaSec != null ? ` ETA ${formatClock(progress.etaSec)}` : '';
    return `${fileName(job.spec.input).slice(0, 24)} ${pct}${speed}${eta}`;
  });
  const line =
    `[${done}/${total}] ${bar} ${String(Math.floor(share * 100)).padStart(3)}%  ${jobs.join(' | ')}`.trimEnd();
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
