import { describe, expect, it } from 'vitest';
import { acceptsFile, compare, targetOf, trimLedger, type LedgerEntry } from '../app/watch/ledger';
import { formatBytes } from '../app/util/format';
import { WatchFolderInputSchema, describeRules, parseExtensions } from '../app/watch/model';

// The ledger's pure rules: what counts as new, changed or to be checked by its hash,
// which files a folder's rules take, and how folders are validated.

const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  target: targetOf({ folder: '/in', presetId: 'h264-mp4', outDir: '/out' }),
  path: '/in/a.mkv',
  size: 1000,
  mtimeMs: 5,
  hash: 'ab',
  doneAt: 1,
  ...over,
});

describe('watch ledger', () => {
  it('says new, changed, or check (same size and mtime: the hash decides)', () => {
    expect(compare(undefined, { size: 1000, mtimeMs: 5 })).toBe('new');
    expect(compare(entry(), { size: 1000, mtimeMs: 5 })).toBe('check');
    expect(compare(entry(), { size: 1001, mtimeMs: 5 })).toBe('changed');
    expect(compare(entry(), { size: 1000, mtimeMs: 6 })).toBe('changed');
  });

  it('tells targets apart: the same file for another preset or output is other work', () => {
    const a = targetOf({ folder: '/in', presetId: 'h264-mp4', outDir: '/out' });
    expect(targetOf({ folder: '/in', presetId: 'hevc-mkv', outDir: '/out' })).not.toBe(a);
    expect(targetOf({ folder: '/in', presetId: 'h264-mp4', outDir: '/out2' })).not.toBe(a);
  });

  it('keeps the most recent entries when it grows past its limit', () => {
    const entries = [1, 3, 2].map((doneAt) => entry({ path: `/in/${doneAt}.mkv`, doneAt }));
    expect(trimLedger(entries, 2).map((e) => e.doneAt)).toEqual([3, 2]);
    expect(trimLedger(entries, 5)).toBe(entries);
  });

  it('takes media files by the engine list or the folder own extensions, and a minimum size', () => {
    const rules = { minSizeBytes: 100 };
    expect(acceptsFile(rules, '/in/film.MKV', 100)).toBe(true);
    expect(acceptsFile(rules, '/in/film.mkv', 99)).toBe(false);
    expect(acceptsFile(rules, '/in/notes.txt', 500)).toBe(false);
    expect(acceptsFile(rules, '/in/.film.mkv.part', 500)).toBe(false);
    expect(acceptsFile(rules, '/in/.hidden.mkv', 500)).toBe(false);
    expect(acceptsFile({ ...rules, extensions: ['mov'] }, '/in/film.mkv', 500)).toBe(false);
    expect(acceptsFile({ ...rules, extensions: ['mov'] }, 'C:\\in\\film.MOV', 500)).toBe(true);
    expect(parseExtensions(' .MKV, mp4;*.mov mp4 ')).toEqual(['mkv', 'mp4', 'mov']);
    expect(parseExtensions('  ')).toBeUndefined();
    expect(describeRules({ ...rules, subfolders: true }, formatBytes)).toBe(
      'every video and audio file · at least 100 B · subfolders too',
    );
    expect(
      describeRules(
        { minSizeBytes: 0, extensions: ['mkv', 'mov'], subfolders: false },
        formatBytes,
      ),
    ).toBe('mkv, mov · this folder only');
  });

  it('accepts only absolute folders and outputs', () => {
    const folder = {
      folder: '/srv/in',
      presetId: 'h264-mp4',
      outDir: 'C:\\out',
      enabled: true,
      subfolders: false,
      minSizeBytes: 0,
    };
    expect(WatchFolderInputSchema.safeParse(folder).success).toBe(true);
    expect(WatchFolderInputSchema.safeParse({ ...folder, folder: 'in' }).success).toBe(false);
    expect(WatchFolderInputSchema.safeParse({ ...folder, outDir: './out' }).success).toBe(false);
    expect(WatchFolderInputSchema.safeParse({ ...folder, extensions: ['.mkv'] }).success).toBe(
      false,
    );
  });
});
