/**
 * Runs at most `limit` tasks at once; the rest wait their turn (docs/ARCHITECTURE.md, Rule 2: a probe of
 * 10,000 dropped files must not start 10,000 programs at once).
 */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Maps over items with at most `limit` running at once; results keep the items' order. */
export function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const slot = createLimiter(limit);
  return Promise.all(items.map((item) => slot(() => fn(item))));
}
