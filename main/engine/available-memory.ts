import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseMeminfo } from '../../app/util/available-memory';
import type { WorkerParams, WorkerResult } from '../../app/worker/protocol';

// Available memory for the scheduler, measured as each OS means it (os.freemem() on
// macOS counts only completely free pages): Linux MemAvailable from /proc/meminfo, macOS
// vm_stat through the worker (only the worker runs programs), Windows os.freemem() (the
// OS's available physical memory). Readings are kept for a little while.

export interface MemoryReading {
  bytes: number;
  /** Why os.freemem() stood in (it may count too little); null when measured as the OS means it. */
  fallback: string | null;
}

/** The worker's side of it (the supervisor). */
export interface MemoryWorker {
  request(method: 'memory', params: WorkerParams<'memory'>): Promise<WorkerResult<'memory'>>;
}

const FRESH_MS = 1500;

export class AvailableMemory {
  private latest: MemoryReading | null = null;
  private readAt = -Infinity;
  private asking: Promise<MemoryReading> | null = null;

  constructor(
    private readonly worker: MemoryWorker | null = null,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly meminfoPath = '/proc/meminfo',
  ) {}

  /** The latest reading. On macOS a stale one is refreshed in the background for the next call. */
  read(): MemoryReading {
    if (this.latest !== null && performance.now() - this.readAt < FRESH_MS) return this.latest;
    if (this.platform === 'darwin') {
      void this.refresh();
      return this.latest ?? freemem('vm_stat has not answered yet');
    }
    this.keep(this.platform === 'linux' ? this.meminfo() : freemem(null));
    return this.latest ?? freemem(null);
  }

  /** A fresh reading, waiting for the worker where the OS needs a program. */
  measure(): Promise<MemoryReading> {
    return this.platform === 'darwin' ? this.refresh() : Promise.resolve(this.read());
  }

  private keep(reading: MemoryReading): MemoryReading {
    this.latest = reading;
    this.readAt = performance.now();
    return reading;
  }

  private meminfo(): MemoryReading {
    try {
      const bytes = parseMeminfo(readFileSync(this.meminfoPath, 'utf8'));
      return bytes === null
        ? freemem(`${this.meminfoPath} has no MemAvailable`)
        : { bytes, fallback: null };
    } catch (error) {
      return freemem(`${this.meminfoPath} could not be read (${messageOf(error)})`);
    }
  }

  private refresh(): Promise<MemoryReading> {
    this.asking ??= this.askWorker().then((reading) => {
      this.asking = null;
      return this.keep(reading);
    });
    return this.asking;
  }

  private async askWorker(): Promise<MemoryReading> {
    if (this.worker === null) return freemem('no worker runs vm_stat');
    try {
      return { bytes: await this.worker.request('memory', {}), fallback: null };
    } catch (error) {
      return freemem(`vm_stat failed (${messageOf(error)})`);
    }
  }
}

function freemem(fallback: string | null): MemoryReading {
  return { bytes: os.freemem(), fallback };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
