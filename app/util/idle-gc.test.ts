import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleCollector } from './idle-gc';

const withGc = globalThis as { gc?: () => void };

describe('IdleCollector', () => {
  afterEach(() => {
    vi.useRealTimers();
    delete withGc.gc;
  });

  it('collects once after a quiet moment, and not while work goes on', () => {
    vi.useFakeTimers();
    const gc = vi.fn();
    withGc.gc = gc;
    const collector = new IdleCollector();
    collector.idle();
    vi.advanceTimersByTime(300);
    collector.busy(); // work arrived before the moment passed
    vi.advanceTimersByTime(1000);
    expect(gc).not.toHaveBeenCalled();
    collector.idle();
    collector.idle(); // a second idle restarts the wait, still one collection
    vi.advanceTimersByTime(1000);
    expect(gc).toHaveBeenCalledTimes(1);
  });

  it('does nothing without --expose-gc', () => {
    vi.useFakeTimers();
    const collector = new IdleCollector();
    collector.idle();
    expect(vi.getTimerCount()).toBe(0);
  });
});
