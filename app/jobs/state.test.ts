import { describe, expect, it } from 'vitest';
import {
  canTransition,
  IllegalTransitionError,
  isTerminal,
  JOB_STATUSES,
  JobStatusSchema,
  transition,
  type JobStatus,
} from './state';

// The whole 7 × 7 table, written out so a change to the state machine is a visible
// change here (docs/ARCHITECTURE.md, Rule 1). Retry re-queues a finished job; a job that is running
// can be put back in the queue when its worker dies.
const LEGAL: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['probing', 'cancelled', 'failed'],
  probing: ['queued', 'running', 'done', 'failed', 'cancelled'],
  running: ['queued', 'finalizing', 'failed', 'cancelled'],
  finalizing: ['done', 'failed', 'cancelled'],
  done: ['queued'],
  failed: ['queued'],
  cancelled: ['queued'],
};

const pairs = JOB_STATUSES.flatMap((from) => JOB_STATUSES.map((to) => [from, to] as const));
const legal = pairs.filter(([from, to]) => LEGAL[from].includes(to));
const illegal = pairs.filter(([from, to]) => !LEGAL[from].includes(to));

describe('job state machine', () => {
  it('covers every pair of the seven statuses', () => {
    expect(JOB_STATUSES).toEqual([
      'queued',
      'probing',
      'running',
      'finalizing',
      'done',
      'failed',
      'cancelled',
    ]);
    expect(pairs).toHaveLength(49);
    expect(legal).toHaveLength(18);
    expect(illegal).toHaveLength(31);
  });

  it.each(legal)('%s → %s is legal', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it.each(illegal)('%s → %s is refused with a sentence', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let caught: unknown;
    try {
      transition(from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    const error = caught as IllegalTransitionError;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IllegalTransitionError');
    expect(error.from).toBe(from);
    expect(error.to).toBe(to);
    expect(error.message).toBe(`A job cannot go from ${from} to ${to}.`);
  });

  it('never stays in place (a status to itself is not a transition)', () => {
    for (const status of JOB_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('lets every terminal status go only back to the queue (retry)', () => {
    for (const status of JOB_STATUSES.filter(isTerminal)) {
      expect(JOB_STATUSES.filter((to) => canTransition(status, to))).toEqual(['queued']);
    }
  });

  it.each<[JobStatus, boolean]>([
    ['queued', false],
    ['probing', false],
    ['running', false],
    ['finalizing', false],
    ['done', true],
    ['failed', true],
    ['cancelled', true],
  ])('isTerminal(%s) is %s', (status, terminal) => {
    expect(isTerminal(status)).toBe(terminal);
  });

  it('can reach done from queued along the happy path, and cancel from every live status', () => {
    let status: JobStatus = 'queued';
    for (const next of ['probing', 'running', 'finalizing', 'done'] as const)
      status = transition(status, next);
    expect(status).toBe('done');
    for (const live of JOB_STATUSES.filter((s) => !isTerminal(s)))
      expect(canTransition(live, 'cancelled')).toBe(true);
  });

  it('rejects unknown statuses at the schema', () => {
    expect(JobStatusSchema.safeParse('paused').success).toBe(false);
    expect(JobStatusSchema.safeParse('running').success).toBe(true);
  });
});
