import type { Job } from '../../app/jobs/job';
import type { Progress } from '../../app/jobs/progress';
import { formatClock } from '../../app/util/clock';
import { fileName } from '../../app/util/format';

// Human output helpers: quoting for copy-paste, one-line progress (sizes: app/util/format.ts).

/** Quotes an argument for a POSIX shell, for display only (we never run a shell). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function progressLine(
  done: number,
  total: number,
  running: { job: Job; progress: Progress | null }[],
  width: number,
): string {
  const parts = running.slice(0, 3).map(({ job, progress }) => {
    const name = fileName(job.spec.input);
    const pct = progress?.percent != null ? `${Math.floor(progress.percent)}%` : '…';
    const speed = progress?.speed != null ? ` ${progress.speed.toFixed(1)}x` : '';
    const eta = progress?.etaSec != null ? ` ETA ${formatClock(progress.etaSec)}` : '';
    return `${name.slice(0, 24)} ${pct}${speed}${eta}`;
  });
  const line = `[${done}/${total}] ${parts.join(' | ')}`;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
