import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  LEDGER_VERSION,
  LedgerEntrySchema,
  LedgerFileSchema,
  ledgerKey,
  trimLedger,
  type LedgerEntry,
} from '../../app/watch/ledger';
import { DAMAGED, readJson, writeFileAtomic } from '../../platform/atomic-file';

/** The most files it remembers; past that the oldest conversions are forgotten. */
const MAX_ENTRIES = 200_000;

/**
 * What watch folders converted, so a restart redoes nothing: one JSON file in the
 * state folder, written atomically (temp, fsync, rename) a moment after each change.
 */
export class LedgerFile {
  private readonly entries = new Map<string, LedgerEntry>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private loading: Promise<void> | null = null;

  constructor(
    /** Null: kept in memory only. */
    readonly file: string | null,
    private readonly report: (sentence: string) => void,
  ) {}

  /** Reads the file once; later calls wait for that read. */
  load(): Promise<void> {
    this.loading ??= this.read();
    return this.loading;
  }

  private async read(): Promise<void> {
    if (this.file === null) return;
    const raw = await readJson(this.file);
    if (raw === undefined) return;
    const parsed = LedgerFileSchema.safeParse(raw === DAMAGED ? null : raw);
    if (!parsed.success) {
      this.report(
        `The watch ledger ${this.file} could not be read; files already converted may be converted again.`,
      );
      return;
    }
    for (const candidate of parsed.data.entries) {
      const entry = LedgerEntrySchema.safeParse(candidate);
      if (entry.success)
        this.entries.set(ledgerKey(entry.data.target, entry.data.path), entry.data);
    }
  }

  get(target: string, file: string): LedgerEntry | undefined {
    return this.entries.get(ledgerKey(target, file));
  }

  record(entry: LedgerEntry): void {
    const key = ledgerKey(entry.target, entry.path);
    this.entries.delete(key); // re-inserted last: the map stays in conversion order
    this.entries.set(key, entry);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, 200);
  }

  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const file = this.file;
    if (file === null) return this.writing;
    this.writing = this.writing.then(async () => {
      const entries = trimLedger([...this.entries.values()], MAX_ENTRIES);
      try {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, JSON.stringify({ version: LEDGER_VERSION, entries }));
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        this.report(`The watch ledger could not be saved to ${file} (${reason}).`);
      }
    });
    return this.writing;
  }
}
