import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

// A file is complete when its size and mtime have not changed for the settle time
// (and, on Windows, nobody else holds it open: a copy in progress keeps it locked).
// One sweep timer checks every pending file; no timer per file, so a burst of
// thousands of files costs one map entry each.

export interface SettledFile {
  file: string;
  /** Who asked (the watch folder's id). */
  owner: string;
  size: number;
  mtimeMs: number;
}

export interface SettleOptions {
  settleMs: number;
  /** Files that settled in one sweep, in the order they were first seen. */
  onSettled(files: SettledFile[]): void;
  /** A pending file's size or mtime changed (or was first seen). */
  onObserved?(file: string, stats: { size: number; mtimeMs: number }): void;
  /** At most this many pending files; more are dropped with a sentence (the rescan finds them later). */
  maxPending?: number;
  onOverflow?(file: string): void;
}

interface Pending {
  owner: string;
  size: number;
  mtimeMs: number;
  /** performance.now() when size and mtime were last seen to change. */
  since: number;
}

/** Libuv's flag for an open that shares nothing (Windows only). */
const EXCLUSIVE =
  (constants as unknown as Record<string, number | undefined>).UV_FS_O_EXLOCK ?? 0x10000000;

/** On Windows, whether the file can be opened with no sharing (no writer holds it). */
export async function openableExclusively(file: string): Promise<boolean> {
  try {
    const handle = await open(file, constants.O_RDONLY | EXCLUSIVE);
    await handle.close();
    return true;
  } catch {
    return false;
  }
}

const STAT_BATCH = 32;

export class SettleSweep {
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(private readonly options: SettleOptions) {}

  get size(): number {
    return this.pending.size;
  }

  /** A file appeared or changed: it is taken once it has settled. */
  touch(file: string, owner: string): void {
    const known = this.pending.get(file);
    if (known !== undefined) {
      known.owner = owner;
      return;
    }
    if (this.pending.size >= (this.options.maxPending ?? 100_000)) {
      this.options.onOverflow?.(file);
      return;
    }
    this.pending.set(file, { owner, size: -1, mtimeMs: -1, since: performance.now() });
    this.timer ??= setInterval(() => void this.sweep(), Math.max(50, this.options.settleMs / 3));
  }

  forget(file: string): void {
    this.pending.delete(file);
  }

  forgetOwner(owner: string): void {
    for (const [file, entry] of this.pending) if (entry.owner === owner) this.pending.delete(file);
  }

  close(): void {
    this.pending.clear();
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const settled: SettledFile[] = [];
      const files = [...this.pending.keys()];
      for (let i = 0; i < files.length; i += STAT_BATCH) {
        const batch = files.slice(i, i + STAT_BATCH);
        const stats = await Promise.all(batch.map((file) => stat(file).catch(() => null)));
        for (const [j, file] of batch.entries()) {
          const done = await this.check(file, stats[j] ?? null);
          if (done !== null) settled.push(done);
        }
      }
      for (const file of settled) this.pending.delete(file.file);
      if (this.pending.size === 0) this.stopTimer();
      if (settled.length > 0) this.options.onSettled(settled);
    } finally {
      this.sweeping = false;
    }
  }

  private async check(file: string, stats: Stats | null): Promise<SettledFile | null> {
    const entry = this.pending.get(file);
    if (entry === undefined) return null;
    if (stats === null || !stats.isFile()) {
      this.pending.delete(file); // gone (moved away, deleted) or not a file
      return null;
    }
    const now = performance.now();
    if (stats.size !== entry.size || stats.mtimeMs !== entry.mtimeMs) {
      entry.size = stats.size;
      entry.mtimeMs = stats.mtimeMs;
      entry.since = now;
      this.options.onObserved?.(file, { size: stats.size, mtimeMs: stats.mtimeMs });
      return null;
    }
    if (now - entry.since < this.options.settleMs) return null;
    if (process.platform === 'win32' && !(await openableExclusively(file))) {
      entry.since = now; // still held by whoever writes it
      return null;
    }
    return { file, owner: entry.owner, size: stats.size, mtimeMs: stats.mtimeMs };
  }
}
