import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readJson, writeFileAtomic } from '../../platform/atomic-file';
import { userCacheDir } from '../../platform/folders';

// The quality search's trials, kept per source file (path, size, mtime) and encoding
// settings: a second job on the same file with the same settings (any target) reads the
// CRFs already measured instead of encoding them again.

const CachedTrialSchema = z.strictObject({
  score: z.number(),
  sizePercent: z.number().nonnegative(),
  /** Output bytes per second of the encoded part, and encode seconds per second of it. */
  bytesPerSec: z.number().nonnegative(),
  secPerSec: z.number().nonnegative(),
});
export type CachedTrial = z.infer<typeof CachedTrialSchema>;

const EntrySchema = z.strictObject({
  at: z.number(),
  trials: z.record(z.string().regex(/^\d{1,2}$/), CachedTrialSchema),
});
const FileSchema = z.record(z.string().max(100), EntrySchema);
type Entries = z.infer<typeof FileSchema>;

/** Entries kept at most; the least recently used go first. */
const MAX_ENTRIES = 300;

/** The key of one source file and everything that shapes its encode but the CRF. */
export function searchKey(
  file: { path: string; sizeBytes: number; mtimeMs?: number | undefined },
  shape: unknown,
): string {
  const text = JSON.stringify([file.path, file.sizeBytes, file.mtimeMs ?? null, shape]);
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}

/** Reads and adds trials in one JSON file in the cache folder; a file that cannot be read or written only costs a new search. */
export class QualitySearchCache {
  constructor(readonly file = path.join(userCacheDir(), 'quality-search.json')) {}

  async trials(key: string): Promise<Map<number, CachedTrial>> {
    const entry = (await this.load())[key];
    return new Map(Object.entries(entry?.trials ?? {}).map(([crf, t]) => [Number(crf), t]));
  }

  async add(key: string, crf: number, trial: CachedTrial): Promise<void> {
    const all = await this.load();
    const trials = { ...all[key]?.trials, [String(crf)]: trial };
    const kept = Object.entries({ ...all, [key]: { at: Date.now(), trials } })
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_ENTRIES);
    await mkdir(path.dirname(this.file), { recursive: true }).catch(() => undefined);
    await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(kept))).catch(
      () => undefined,
    );
  }

  private async load(): Promise<Entries> {
    const parsed = FileSchema.safeParse(await readJson(this.file).catch(() => null));
    return parsed.success ? parsed.data : {};
  }
}
