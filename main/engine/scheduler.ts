import os from 'node:os';

/** Jobs at once by default: one per core, fewer when memory is short (about 1.5 GB each). */
export function defaultConcurrency(): number {
  const cores = os.availableParallelism();
  const byMemory = Math.floor(os.freemem() / (1.5 * 1024 ** 3));
  return Math.max(1, Math.min(cores, byMemory, 8));
}

/** Memory high-water mark: below this share of free memory no new job starts (LESSONS.md §8). */
export const LOW_MEMORY_FRACTION = 0.08;

export function memoryPressure(
  freeBytes = os.freemem(),
  totalBytes = os.totalmem(),
): string | null {
  if (freeBytes / totalBytes >= LOW_MEMORY_FRACTION) return null;
  const freeMb = Math.round(freeBytes / 1024 ** 2);
  return `Memory is low (${freeMb} MB free), so no new job starts until some is freed.`;
}
