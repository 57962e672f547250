import type { Redis } from 'ioredis';
import type { FarmStatus } from '../../app/api/contract';
import type { FarmUrl } from './connection';
import { listWorkers } from './registry';

type FarmWorker = FarmStatus['workers'][number];

/** The throughput window: jobs and chunks finished over the last minutes read. */
const WINDOW_MS = 10 * 60_000;

/** What a farm job id names for a person: the file this host queued (and which chunk). */
function describeCurrent(id: string, running: ReadonlyMap<string, string>): string {
  const chunk = /^(.+)-chunk-(\d+)$/.exec(id);
  const input = chunk === null ? undefined : running.get(chunk[1] ?? '');
  if (chunk !== null && input !== undefined) return `${input} (chunk ${Number(chunk[2]) + 1})`;
  return running.get(id) ?? id;
}

/**
 * The Farm view's picture: the workers whose heartbeat is current, plus those this host
 * saw before whose record has since expired (shown offline, as last seen). Throughput
 * comes from each worker's count of finished jobs, read with its heartbeat.
 */
export function farmStatusSource(
  farm: FarmUrl,
  client: Redis,
  /** Farm jobs this host follows, by farm id, with their input: shown by name. */
  running: ReadonlyMap<string, string> = new Map(),
): () => Promise<FarmStatus> {
  const seen = new Map<string, FarmWorker>();
  /** Per worker, its finished count as read over the window, oldest first. */
  const readings = new Map<string, { at: number; done: number }[]>();
  const recent = (name: string, done: number, at: number): FarmWorker['recent'] => {
    // A count that went down is a restarted worker: its readings start again.
    const kept = (readings.get(name) ?? []).filter((r) => r.at > at - WINDOW_MS && r.done <= done);
    kept.push({ at, done });
    readings.set(name, kept);
    const first = kept[0];
    if (first === undefined || kept.length < 2) return null;
    return { done: done - first.done, minutes: (at - first.at) / 60_000 };
  };
  return async () => {
    const online = await listWorkers(client);
    const names = new Set(online.map((w) => w.name));
    for (const [name, last] of seen)
      if (!names.has(name)) seen.set(name, { ...last, online: false, current: [] });
    const now = Date.now();
    for (const w of online)
      seen.set(w.name, {
        name: w.name,
        host: w.host,
        online: true,
        encoders: w.encoders,
        matrix: w.matrix,
        concurrency: w.concurrency,
        current: w.current.map((id) => describeCurrent(id, running)),
        done: w.done,
        recent: recent(w.name, w.done, now),
        heartbeatAt: w.heartbeatAt,
      });
    return {
      label: farm.label,
      workers: [...seen.values()].sort((a, b) => a.name.localeCompare(b.name)),
    };
  };
}
