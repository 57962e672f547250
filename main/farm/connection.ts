import type { RedisOptions as QueueConnection } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { UserFacingError } from '../../app/util/errors';

// The farm's Redis: a redis:// or rediss:// (TLS) URL with an optional user, password
// and database, checked once at start so a wrong password or an unreachable server is
// one sentence instead of a reconnect loop.

/** BullMQ's key prefix for the farm's queues, and ours for the worker registry. */
export const FARM_PREFIX = 'framewright';

export interface FarmUrl {
  /** Connection options for ioredis and BullMQ. */
  options: RedisOptions;
  /** host:port/db, without the password, for messages. */
  label: string;
}

export function parseFarmUrl(text: string): FarmUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserFacingError(
      `--farm needs a URL such as redis://:password@host:6379/0, not "${text}".`,
      'bad-farm-url',
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new UserFacingError(
      `--farm needs a redis:// or rediss:// URL, not ${url.protocol}//.`,
      'bad-farm-url',
    );
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db))
    throw new UserFacingError(
      `The database in --farm must be a number, not "${db}".`,
      'bad-farm-url',
    );
  const port = url.port === '' ? 6379 : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const options: RedisOptions = {
    host,
    port,
    db: db === '' ? 0 : Number(db),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
  };
  return { options, label: `${url.protocol}//${url.host}${db === '' ? '' : `/${db}`}` };
}

/** Options for long-lived connections: BullMQ workers need maxRetriesPerRequest null; reconnect forever. */
export function lastingOptions(farm: FarmUrl): QueueConnection & RedisOptions {
  return {
    ...farm.options,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(250 * times, 2000),
  };
}

/** A one-sentence reason from a connection or AUTH error. */
function reason(farm: FarmUrl, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/WRONGPASS|NOAUTH|invalid password|AUTH.*without any password|invalid username/i.test(text))
    return `Redis at ${farm.label} refused the password in --farm (${text.split('\n')[0]}).`;
  return `Redis at ${farm.label} cannot be reached (${text.split('\n')[0]}).`;
}

/** Connects once, authenticates and pings; throws a sentence on any failure. */
export async function checkFarm(farm: FarmUrl): Promise<void> {
  const client = new Redis({
    ...farm.options,
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let failure: unknown = null;
  client.on('error', (error: unknown) => (failure ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new UserFacingError(reason(farm, failure ?? error), 'farm-unreachable');
  } finally {
    client.disconnect();
  }
}

/** A client for our own keys (registry, commits) that reconnects like BullMQ's. */
export function farmClient(farm: FarmUrl): Redis {
  const client = new Redis(lastingOptions(farm));
  client.on('error', () => undefined); // reconnects on its own; BullMQ reports the same outage
  return client;
}
