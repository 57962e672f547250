import type { Job } from '../../app/jobs/job';
import { isTerminal } from '../../app/jobs/state';
import { acceptsFile, compare, ledgerKey, targetOf } from '../../app/watch/ledger';
import type { WatchFolder, WatchFolderState, WatchStatus } from '../../app/watch/model';
import type { HostApi } from '../api/host-api';
import { Emitter } from '../engine/emitter';
import { headTailHash } from './fingerprint';
import { FolderWatch, type FolderWatchTimes } from './folder-watch';
import type { LedgerFile } from './ledger-file';
import { SettleSweep, type SettledFile } from './settle';

// Watch folders on the engine's side: each folder's watcher feeds one settle sweep;
// settled files are compared with the ledger and handed to the engine's queue in
// batches; a job that ends done is written to the ledger (docs/ARCHITECTURE.md, Watch folders).

export type WatchEvent =
  | { type: 'taken'; folderId: string; file: string; jobId: string }
  | { type: 'done'; folderId: string; file: string; job: Job }
  | { type: 'failed'; folderId: string; file: string; job: Job }
  | { type: 'unchanged'; folderId: string; file: string }
  | { type: 'observed'; file: string; size: number }
  | { type: 'note'; folderId: string; message: string };

export interface WatchServiceOptions {
  jobs: Pick<HostApi['jobs'], 'add' | 'start' | 'onUpdate'>;
  ledger: LedgerFile;
  /** How long size and mtime must stay unchanged. */
  settleMs: number;
  times?: Partial<FolderWatchTimes>;
  /** Files handed to the queue in one call. */
  batchSize?: number;
}

interface Fingerprint {
  size: number;
  mtimeMs: number;
  hash: string;
}
interface Tracked extends Fingerprint {
  folderId: string;
  target: string;
  file: string;
}
interface Running {
  config: WatchFolder;
  watch: FolderWatch | null;
  status: WatchStatus;
  note: string | null;
  taken: number;
  done: number;
}

/** Files compared with the ledger at once. */
const HASH_AT_ONCE = 8;

const same = (a: { size: number; mtimeMs: number } | undefined, b: SettledFile): boolean =>
  a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;

export class WatchService {
  readonly events = new Emitter<WatchEvent>();
  /** A folder's status, note or counts changed. */
  readonly changed = new Emitter<void>();
  private readonly folders = new Map<string, Running>();
  private readonly settle: SettleSweep;
  private readonly times: FolderWatchTimes;
  /** Jobs this service queued, by job id. */
  private readonly tracked = new Map<string, Tracked>();
  /** Files decided this session (queued, failed, unchanged) by ledger key: not hashed again. */
  private readonly decided = new Map<string, { size: number; mtimeMs: number }>();
  private readonly intake: SettledFile[] = [];
  private draining = false;
  private readonly offUpdate: () => void;

  constructor(private readonly options: WatchServiceOptions) {
    this.times = { pollMs: 2000, rescanMs: 10 * 60_000, ...options.times };
    this.settle = new SettleSweep({
      settleMs: options.settleMs,
      onSettled: (files) => {
        this.intake.push(...files);
        void this.drain();
      },
      onObserved: (file, stats) => this.events.emit({ type: 'observed', file, size: stats.size }),
      onOverflow: (file) =>
        this.note(null, `Too many files are arriving at once; ${file} waits for the next scan.`),
    });
    this.offUpdate = options.jobs.onUpdate((job) => this.onJob(job));
  }

  /** Starts, restarts (when changed) and stops watchers to match `folders`. */
  async setFolders(folders: readonly WatchFolder[]): Promise<void> {
    await this.options.ledger.load();
    const wanted = new Map(folders.map((folder) => [folder.id, folder]));
    for (const [id, running] of this.folders) {
      const next = wanted.get(id);
      if (next !== undefined && JSON.stringify(next) === JSON.stringify(running.config)) continue;
      await running.watch?.close();
      this.settle.forgetOwner(id);
      this.folders.delete(id);
    }
    for (const folder of folders) {
      if (this.folders.has(folder.id)) continue;
      const running: Running = {
        config: folder,
        watch: null,
        status: folder.enabled ? 'starting' : 'disabled',
        note: null,
        taken: 0,
        done: 0,
      };
      this.folders.set(folder.id, running);
      if (folder.enabled) {
        running.watch = new FolderWatch(
          folder,
          {
            found: (file) => this.settle.touch(file, folder.id),
            gone: (file) => this.settle.forget(file),
            note: (sentence) => this.note(folder.id, sentence),
            status: (status) => {
              running.status = status;
              if (status === 'watching') running.note = null;
              this.changed.emit();
            },
          },
          this.times,
        );
        running.watch.start();
      }
    }
    this.changed.emit();
  }

  states(): WatchFolderState[] {
    return [...this.folders.values()].map(({ config, status, note, taken, done }) => ({
      folder: config,
      status,
      note,
      taken,
      done,
    }));
  }

  async close(): Promise<void> {
    this.offUpdate();
    this.settle.close();
    await Promise.all(
      [...this.folders.values()].map((running) => running.watch?.close() ?? Promise.resolve()),
    );
    this.folders.clear();
    await this.options.ledger.flush();
  }

  private note(folderId: string | null, message: string): void {
    const running = folderId === null ? undefined : this.folders.get(folderId);
    if (running !== undefined) running.note = message;
    this.events.emit({ type: 'note', folderId: folderId ?? '', message });
    this.changed.emit();
  }

  /** Settled files, one at a time: compared with the ledger, queued in batches per folder. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const batches = new Map<string, Tracked[]>();
    const size = this.options.batchSize ?? 100;
    try {
      while (this.intake.length > 0) {
        // A few files at once: each costs a small read (its hash), cheap next to a job.
        const found = await Promise.all(
          this.intake.splice(0, HASH_AT_ONCE).map((f) => this.consider(f)),
        );
        for (const work of found) {
          if (work === null) continue;
          const batch = batches.get(work.folderId) ?? [];
          batches.set(work.folderId, batch);
          batch.push(work);
          if (batch.length >= size) {
            batches.delete(work.folderId);
            await this.queue(batch);
          }
        }
        if (this.intake.length === 0)
          for (const [id, batch] of batches) {
            batches.delete(id);
            await this.queue(batch);
          }
      }
    } finally {
      this.draining = false;
    }
  }

  /** What to convert, or null: not this folder's, too small, or unchanged since it was converted. */
  private async consider(file: SettledFile): Promise<Tracked | null> {
    const running = this.folders.get(file.owner);
    if (running === undefined || !running.config.enabled) return null;
    const { config } = running;
    if (!acceptsFile(config, file.file, file.size)) return null;
    const target = targetOf(config);
    const key = ledgerKey(target, file.file);
    if (same(this.decided.get(key), file)) return null;
    const entry = this.options.ledger.get(target, file.file);
    let hash: string;
    try {
      hash = await headTailHash(file.file, file.size);
    } catch {
      return null; // gone or unreadable since it settled: the watcher reports it again
    }
    this.decided.set(key, { size: file.size, mtimeMs: file.mtimeMs });
    if (compare(entry, file) === 'check' && entry?.hash === hash) {
      this.events.emit({ type: 'unchanged', folderId: config.id, file: file.file });
      return null;
    }
    return {
      folderId: config.id,
      target,
      file: file.file,
      size: file.size,
      mtimeMs: file.mtimeMs,
      hash,
    };
  }

  private async queue(batch: Tracked[]): Promise<void> {
    const first = batch[0];
    const running = first === undefined ? undefined : this.folders.get(first.folderId);
    if (first === undefined || running === undefined) return;
    const { config } = running;
    try {
      const { ids } = await this.options.jobs.add({
        paths: batch.map((work) => work.file),
        presetId: config.presetId,
        outDir: config.outDir,
        ...(config.settings === undefined ? {} : { settings: config.settings }),
      });
      // Files named directly keep their order: the ids match the batch one to one.
      ids.forEach((id, i) => {
        const work = batch[i];
        if (work === undefined) return;
        this.tracked.set(id, work);
        running.taken++;
        this.events.emit({ type: 'taken', folderId: config.id, file: work.file, jobId: id });
      });
      this.changed.emit();
      await this.options.jobs.start();
    } catch (error) {
      for (const work of batch) this.decided.delete(ledgerKey(work.target, work.file));
      this.note(
        config.id,
        `Files in ${config.folder} could not be queued: ${(error as Error).message}`,
      );
    }
  }

  private onJob(job: Job): void {
    const work = this.tracked.get(job.id);
    if (work === undefined || !isTerminal(job.status)) return;
    this.tracked.delete(job.id);
    const running = this.folders.get(work.folderId);
    if (job.status === 'done') {
      const { target, file, size, mtimeMs, hash } = work;
      this.options.ledger.record({ target, path: file, size, mtimeMs, hash, doneAt: Date.now() });
      if (running !== undefined) running.done++;
      this.events.emit({ type: 'done', folderId: work.folderId, file, job });
    } else this.events.emit({ type: 'failed', folderId: work.folderId, file: work.file, job });
    this.changed.emit();
  }
}
