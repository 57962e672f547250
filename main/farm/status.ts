import type { Redis } from 'ioredis';
import type { FarmStatus } from '../../app/api/contract';
import type { FarmUrl } from './connection';
import { listWorkers } from './registry';

type FarmWorker = FarmStatus['workers'][number];

/**
 * The Farm view's picture: the workers whose heartbeat is current, plus those this host
 * saw before whose record has since expired (shown offline, as last seen).
 */
export function farmStatusSource(
  farm: FarmUrl,
  client: Redis,
  /** Farm jobs this host follows, by farm id, with their input: shown by name. */
  running: ReadonlyMap<string, string> = new Map(),
): () => Promise<FarmStatus> {
  const seen = new Map<string, FarmWorker>();
  return async () => {
    const online = await listWorkers(client);
    const names = new Set(online.map((w) => w.name));
    for (const [name, last] of seen)
      if (!names.has(name)) seen.set(name, { ...last, online: false, current: [] });
    for (const w of online)
      seen.set(w.name, {
        name: w.name,
        host: w.host,
        online: true,
        encoders: w.encoders,
        matrix: w.matrix,
        concurrency: w.concurrency,
        current: w.current.map((id) => running.get(id) ?? id),
        done: w.done,
        heartbeatAt: w.heartbeatAt,
      });
    return {
      label: farm.label,
      workers: [...seen.values()].sort((a, b) => a.name.localeCompare(b.name)),
    };
  };
}
