import { watch, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { acceptsFile } from '../../app/watch/ledger';
import type { WatchFolder, WatchStatus } from '../../app/watch/model';

// One watched folder: chokidar 4 (docs/ARCHITECTURE.md, Watch folders) bounded by
// `depth` and `ignored`, plus a poll of the folder itself: when it vanishes (an
// unmounted disk, a deleted folder) the watcher is closed, and when it comes back a
// new one starts, whose first scan finds what arrived meanwhile. A rescan at a longer
// interval (a new watcher) is the safety net for events a file system does not send.

export interface FolderWatchHooks {
  /** A file that the folder's rules take was added or changed. */
  found(file: string): void;
  gone(file: string): void;
  /** A sentence for the log and the settings (permission errors, the folder vanishing). */
  note(sentence: string): void;
  status(status: WatchStatus): void;
}

export interface FolderWatchTimes {
  /** How often the folder itself is checked (vanished, back). */
  pollMs: number;
  /** How often everything is scanned again. */
  rescanMs: number;
}

const inside = (parent: string, child: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

export class FolderWatch {
  private watcher: FSWatcher | null = null;
  private poller: NodeJS.Timeout | null = null;
  private lastScan = 0;
  private present: boolean | null = null;
  private closed = false;
  /** A poll in progress: a slow stat (a network share) must not start two watchers. */
  private polling = false;

  constructor(
    readonly config: WatchFolder,
    private readonly hooks: FolderWatchHooks,
    private readonly times: FolderWatchTimes,
  ) {}

  start(): void {
    void this.poll();
    this.poller = setInterval(() => void this.poll(), this.times.pollMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poller !== null) clearInterval(this.poller);
    await this.stopWatcher();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.check();
    } finally {
      this.polling = false;
    }
  }

  private async check(): Promise<void> {
    const info = await stat(this.config.folder).catch(() => null);
    if (this.closed) return;
    const exists = info?.isDirectory() === true;
    if (!exists) {
      if (this.present !== false) {
        this.hooks.status('vanished');
        this.hooks.note(
          `The folder ${this.config.folder} is missing; it is watched again as soon as it comes back.`,
        );
      }
      this.present = false;
      await this.stopWatcher();
      return;
    }
    if (this.present === false)
      this.hooks.note(`The folder ${this.config.folder} is back; watching it again.`);
    this.present = true;
    if (this.watcher === null || Date.now() - this.lastScan >= this.times.rescanMs) {
      await this.stopWatcher();
      if (!this.closed) this.startWatcher();
    }
  }

  private startWatcher(): void {
    const { folder, outDir, subfolders } = this.config;
    this.lastScan = Date.now();
    this.hooks.status('starting');
    const ignored = (file: string, stats?: Stats): boolean => {
      if (file === folder) return false;
      if (path.basename(file).startsWith('.')) return true; // hidden, temporary outputs
      if (inside(outDir, file)) return true; // its own outputs, when they land inside it
      // The size is checked once the file has settled: a copy starts small.
      return stats?.isFile() === true && !acceptsFile(this.config, file);
    };
    const watcher = watch(folder, {
      ignored,
      depth: subfolders ? 32 : 0,
      alwaysStat: true,
      ignorePermissionErrors: false,
    });
    watcher.on('add', (file) => this.hooks.found(file));
    watcher.on('change', (file) => this.hooks.found(file));
    watcher.on('unlink', (file) => this.hooks.gone(file));
    watcher.on('ready', () => {
      if (this.watcher === watcher) this.hooks.status('watching');
    });
    watcher.on('error', (error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      const where = (error as NodeJS.ErrnoException).path ?? folder;
      this.hooks.note(
        code === 'EACCES' || code === 'EPERM'
          ? `${where} could not be read (permission denied); the rest of ${folder} is still watched.`
          : `Watching ${folder} met a problem (${code ?? (error as Error).message}); it is still watched.`,
      );
    });
    this.watcher = watcher;
  }

  private async stopWatcher(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }
}
