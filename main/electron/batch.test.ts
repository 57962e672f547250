import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../app/jobs/state';
import { BatchTracker, summarySentence } from './batch';

const job = (id: string, status: JobStatus, percent: number | null = null) => ({
  id,
  status,
  progress: percent === null ? null : { percent },
});

describe('BatchTracker', () => {
  it('opens when a job becomes active and ends when all are finished', () => {
    const t = new BatchTracker([job('a', 'queued'), job('b', 'queued')]);
    expect(t.fraction()).toBeNull();
    expect(t.setQueueRunning(true)).toBeNull();
    expect(t.update(job('a', 'running'))).toBeNull();
    t.progress('a', 50);
    expect(t.fraction()).toBeCloseTo(0.25); // a at 50 %, b still waiting
    expect(t.update(job('a', 'done', 100))).toBeNull();
    expect(t.update(job('b', 'probing'))).toBeNull();
    expect(t.fraction()).toBeCloseTo(0.5);
    expect(t.update(job('b', 'failed'))).toEqual({ done: 1, failed: 1, cancelled: 0 });
    expect(t.fraction()).toBeNull();
  });

  it('does not end while the running queue still has queued jobs', () => {
    const t = new BatchTracker([], true);
    t.update(job('a', 'running'));
    t.update(job('b', 'queued'));
    expect(t.update(job('a', 'done'))).toBeNull();
    expect(t.fraction()).toBeCloseTo(0.5);
  });

  it('ends when paused with only queued jobs left', () => {
    const t = new BatchTracker([], true);
    t.update(job('a', 'running'));
    t.update(job('b', 'queued'));
    expect(t.setQueueRunning(false)).toBeNull(); // a still running
    expect(t.update(job('a', 'done'))).toEqual({ done: 1, failed: 0, cancelled: 0 });
  });

  it('a job re-queued after a worker crash keeps the batch open while the queue runs', () => {
    const t = new BatchTracker([], true);
    t.update(job('a', 'running', 40));
    expect(t.update(job('a', 'queued'))).toBeNull();
    expect(t.fraction()).toBe(0);
    expect(t.update(job('a', 'cancelled'))).toEqual({ done: 0, failed: 0, cancelled: 1 });
  });

  it('removing the last active job ends the batch', () => {
    const t = new BatchTracker([], true);
    t.update(job('a', 'running'));
    t.update(job('b', 'running'));
    t.update(job('a', 'done'));
    expect(t.removed(['b'])).toEqual({ done: 1, failed: 0, cancelled: 0 });
  });

  it('removing every job of a batch hides the bar without a summary', () => {
    const t = new BatchTracker([], true);
    t.update(job('a', 'running'));
    expect(t.removed(['a'])).toBeNull();
    expect(t.fraction()).toBeNull();
  });

  it('takes a large add at once: the new jobs join the running batch as waiting', () => {
    const t = new BatchTracker([], true);
    t.update(job('a', 'running', 50));
    const added = Array.from({ length: 10_000 }, (_, i) => job(`n${i}`, 'queued'));
    expect(t.updateAll(added)).toBeNull();
    expect(t.fraction()).toBeCloseTo(0.5 / 10_001);
    expect(t.update(job('a', 'done'))).toBeNull(); // the added jobs will still start
  });

  it('clamps progress and ignores unknown jobs', () => {
    const t = new BatchTracker([], false);
    t.update(job('a', 'running'));
    t.progress('a', 250);
    t.progress('zz', 50);
    expect(t.fraction()).toBe(1);
  });
});

describe('summarySentence', () => {
  it.each([
    [{ done: 1, failed: 0, cancelled: 0 }, '1 file converted.'],
    [{ done: 3, failed: 0, cancelled: 0 }, '3 files converted.'],
    [{ done: 2, failed: 1, cancelled: 0 }, '2 converted, 1 failed.'],
    [{ done: 0, failed: 2, cancelled: 1 }, '0 converted, 2 failed, 1 cancelled.'],
    [{ done: 0, failed: 0, cancelled: 1 }, 'The job was cancelled.'],
    [{ done: 0, failed: 0, cancelled: 4 }, 'All 4 jobs were cancelled.'],
  ])('%j', (summary, sentence) => {
    expect(summarySentence(summary)).toBe(sentence);
  });
});
