import type { Host } from '../api/host';
import { rowFacts, type RowFacts } from './row-facts';
import type { GetState, ProbesSlice, SetState } from './types';

// Queue rows show what the probe found (duration, size, codecs, warnings), which needs
// each job's probe. Rows in view ask for it; the asks settle for a moment (a fast scroll
// through 10,000 rows asks for nothing), then the few still in view are read, a couple
// at a time. The engine answers from its cache when the job was probed already. The
// Inspector's own read of a job fills the same cache.

const SETTLE_MS = 250;
const AT_ONCE = 2;
const FLUSH_MS = 100;

export function createProbesSlice(host: Host, set: SetState, get: GetState): ProbesSlice {
  const inView = new Map<string, number>();
  const reading = new Set<string>();
  const found = new Map<string, RowFacts | null>();
  let settle: number | null = null;
  let flushTimer: number | null = null;

  function flush(): void {
    flushTimer = null;
    if (found.size === 0) return;
    set({ facts: { ...get().facts, ...Object.fromEntries(found) } });
    found.clear();
  }
  function record(id: string, facts: RowFacts | null): void {
    found.set(id, facts);
    flushTimer ??= window.setTimeout(flush, FLUSH_MS);
  }

  function next(): void {
    if (reading.size >= AT_ONCE) return;
    const known = get().facts;
    const id = [...inView.keys()].find(
      (candidate) => !(candidate in known) && !found.has(candidate) && !reading.has(candidate),
    );
    if (id === undefined) return;
    reading.add(id);
    host.api.jobs
      .inspect({ id })
      .then(
        (outcome) => record(id, rowFacts(outcome)),
        () => record(id, null),
      )
      .finally(() => {
        reading.delete(id);
        next();
      });
    next();
  }

  return {
    facts: {},
    watchFacts(id) {
      inView.set(id, (inView.get(id) ?? 0) + 1);
      if (settle !== null) window.clearTimeout(settle);
      settle = window.setTimeout(() => {
        settle = null;
        next();
      }, SETTLE_MS);
      return () => {
        const count = (inView.get(id) ?? 1) - 1;
        if (count > 0) inView.set(id, count);
        else inView.delete(id);
      };
    },
    rememberProbe(id, outcome) {
      record(id, rowFacts(outcome));
    },
  };
}
