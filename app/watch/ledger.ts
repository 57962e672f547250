import { z } from 'zod';
import { MEDIA_EXTENSIONS } from '../media/extensions';

// The watch ledger's pure parts: what it records of each converted file, and how a
// file found in a watched folder compares with it. The engine keeps it on disk
// (main/watch/ledger-file.ts).

export const LEDGER_VERSION = 1;

export const LedgerEntrySchema = z.object({
  /** The watch target (folder, preset, output) the file was converted for: see `targetOf`. */
  target: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  /** sha256 of the first and the last MiB, hex. */
  hash: z.string(),
  /** When it was converted (ms since the epoch). */
  doneAt: z.number(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const LedgerFileSchema = z.object({
  version: z.literal(LEDGER_VERSION),
  entries: z.array(z.unknown()),
});

/** What a file looks like now. */
export interface Observed {
  size: number;
  mtimeMs: number;
}

/** Folder, preset and output: converting the same file for another target is other work. */
export function targetOf(watch: { folder: string; presetId: string; outDir: string }): string {
  return JSON.stringify([watch.folder, watch.presetId, watch.outDir]);
}

export const ledgerKey = (target: string, file: string): string => `${target}\n${file}`;

/**
 * `new` (never converted), `changed` (size or mtime differs: convert again) or `check`
 * (same size and mtime: the content hash decides).
 */
export function compare(
  entry: LedgerEntry | undefined,
  now: Observed,
): 'new' | 'changed' | 'check' {
  if (entry === undefined) return 'new';
  return entry.size === now.size && entry.mtimeMs === now.mtimeMs ? 'check' : 'changed';
}

/** Whether a folder's rules take a file: its extension (default: every media extension) and size. */
export function acceptsFile(
  rules: { extensions?: readonly string[] | undefined; minSizeBytes: number },
  name: string,
  size?: number,
): boolean {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  if (base.startsWith('.')) return false; // hidden, and every temporary output
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return false;
  const extension = base.slice(dot + 1).toLowerCase();
  const allowed = rules.extensions?.includes(extension) ?? MEDIA_EXTENSIONS.has(extension);
  return allowed && (size === undefined || size >= rules.minSizeBytes);
}

/** The entries to keep when the ledger grows past `max`: the most recent. */
export function trimLedger(entries: LedgerEntry[], max: number): LedgerEntry[] {
  if (entries.length <= max) return entries;
  return [...entries].sort((a, b) => b.doneAt - a.doneAt).slice(0, max);
}
