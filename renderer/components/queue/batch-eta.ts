import type { State } from '../../store/types';
import { rowStatus } from '../format';

// The whole batch's time left, estimated from what is known:
// - a running job: its own etaSec (from ffmpeg's progress);
// - a waiting job: its duration (from the probe; the mean of the known durations when
//   its row was never read) divided by the running jobs' mean speed (× real time);
// - the queue runs `concurrency` jobs at once, so the work left is shared among them,
//   but the batch lasts at least as long as its slowest running job.

type Inputs = Pick<State, 'ids' | 'byId' | 'progress' | 'facts' | 'queue'>;

/** Seconds until every running and waiting job is done, or null while it cannot be told. */
export function batchEtaSec({ ids, byId, progress, facts, queue }: Inputs): number | null {
  const speeds: number[] = [];
  const durations: number[] = [];
  const running: { eta: number | null; duration: number | null }[] = [];
  const waiting: (number | null)[] = [];
  for (const id of ids) {
    const job = byId.get(id);
    if (job === undefined) continue;
    const status = rowStatus(job.status);
    if (status !== 'running' && status !== 'queued') continue;
    const duration = facts[id]?.durationSec ?? null;
    if (duration !== null) durations.push(duration);
    if (status === 'queued') {
      waiting.push(duration);
      continue;
    }
    const p = progress[id];
    if (p?.speed !== null && p?.speed !== undefined && p.speed > 0) speeds.push(p.speed);
    running.push({ eta: p?.etaSec ?? null, duration });
  }
  if (running.length === 0) return null;
  const speed = speeds.length > 0 ? speeds.reduce((a, b) => a + b, 0) / speeds.length : null;
  const mean =
    durations.length > 0 ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
  /** Wall seconds to convert media of this duration (the mean when unknown). */
  const wall = (duration: number | null): number | null => {
    const media = duration ?? mean;
    return media === null || speed === null ? null : media / speed;
  };
  let total = 0;
  let longest = 0;
  for (const job of running) {
    const left = job.eta ?? wall(job.duration);
    if (left === null) return null;
    total += left;
    longest = Math.max(longest, left);
  }
  for (const duration of waiting) {
    const left = wall(duration);
    if (left === null) return null;
    total += left;
  }
  return Math.max(longest, total / Math.max(1, queue.concurrency));
}
