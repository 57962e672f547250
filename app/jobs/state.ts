import { z } from 'zod';

export const JOB_STATUSES = [
  'queued',
  'probing',
  'running',
  'finalizing',
  'done',
  'failed',
  'cancelled',
] as const;
export const JobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** The only legal moves of a job (docs/ARCHITECTURE.md, Rule 1). Retry re-queues a finished job. */
const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['probing', 'cancelled', 'failed'],
  probing: ['running', 'done', 'failed', 'cancelled', 'queued'],
  running: ['finalizing', 'failed', 'cancelled', 'queued'],
  finalizing: ['done', 'failed', 'cancelled'],
  done: ['queued'],
  failed: ['queued'],
  cancelled: ['queued'],
};

export const TERMINAL_STATUSES: readonly JobStatus[] = ['done', 'failed', 'cancelled'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  override name = 'IllegalTransitionError';
  constructor(
    readonly from: JobStatus,
    readonly to: JobStatus,
  ) {
    super(`A job cannot go from ${from} to ${to}.`);
  }
}

/** Returns `to` when the move is legal, throws otherwise. */
export function transition(from: JobStatus, to: JobStatus): JobStatus {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}
