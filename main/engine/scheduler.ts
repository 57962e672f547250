import os from 'node:os';
import { AvailableMemory, type MemoryReading, type MemoryWorker } from './available-memory';

let memory = new AvailableMemory();

/** From now on, measure memory with this worker's help where the OS needs a program; a first reading. */
export function measureMemoryVia(worker: MemoryWorker): Promise<MemoryReading> {
  memory = new AvailableMemory(worker);
  return memory.measure();
}

/** Jobs at once by default: one per core, fewer when memory is short (about 1.5 GB each). */
export function defaultConcurrency(available: MemoryReading = memory.read()): number {
  const cores = os.availableParallelism();
  const byMemory = Math.floor(available.bytes / (1.5 * 1024 ** 3));
  return Math.max(1, Math.min(cores, byMemory, 8));
}

/** Memory high-water mark: below this share of available memory no new job starts (docs/ARCHITECTURE.md, Rule 8). */
export const LOW_MEMORY_FRACTION = 0.08;

export function memoryPressure(
  available: MemoryReading = memory.read(),
  totalBytes = os.totalmem(),
): string | null {
  if (available.bytes / totalBytes >= LOW_MEMORY_FRACTION) return null;
  const mb = Math.round(available.bytes / 1024 ** 2);
  const how =
    available.fallback === null ? '' : `, counted by os.freemem() as ${available.fallback}`;
  return `Memory is low (${mb} MB available${how}), so no new job starts until some is freed.`;
}
