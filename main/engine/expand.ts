import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMediaExtension } from '../../app/media/extensions';

export interface Expansion {
  files: string[];
  skipped: { path: string; reason: string }[];
  /** For each file found inside a dropped folder, that folder (for the keep-tree folder mode). */
  roots: Map<string, string>;
}

/**
 * Turns dropped paths into input files. Folders expand recursively (each real folder
 * visited once, so symlink loops end); non-media files inside folders are skipped with
 * a reason. A path named directly is always kept, so its failure can be explained.
 */
export async function expandPaths(paths: readonly string[], limit = 100_000): Promise<Expansion> {
  const collator = new Intl.Collator(undefined, { numeric: true });
  const result: Expansion = { files: [], skipped: [], roots: new Map() };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  /** The dropped folder being walked; null while adding paths named directly. */
  let root: string | null = null;
  const addFile = (file: string): void => {
    if (seenFiles.has(file)) return;
    seenFiles.add(file);
    if (result.files.length >= limit) {
      result.skipped.push({
        path: file,
        reason: `More than ${limit} files were dropped; the rest were left out.`,
      });
      return;
    }
    result.files.push(file);
    if (root !== null) result.roots.set(file, root);
  };

  const walk = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      result.skipped.push({ path: dir, reason: 'This folder could not be opened.' });
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop or a folder dropped twice
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      // One call for the whole folder: iterating an opendir handle costs a promise per
      // entry (10,000 files: ~150 ms against ~10 ms).
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      result.skipped.push({
        path: dir,
        reason: 'This folder could not be read (permission denied?).',
      });
      return;
    }
    entries.sort((a, b) => collator.compare(a.name, b.name));
    // `dir` is already normalized and an entry name has no separators: joining by hand
    // skips path.join's normalizing, a good part of the cost for 10,000 entries.
    const base = dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
    for (const entry of entries) {
      const name = entry.name;
      const full = `${base}${name}`;
      // The directory entry already tells plain files and folders apart; only links
      // (and file systems that do not say) need a stat, which follows the link.
      let info: { isDirectory(): boolean; isFile(): boolean } = entry;
      if (entry.isSymbolicLink() || (!entry.isFile() && !entry.isDirectory())) {
        try {
          info = await stat(full);
        } catch {
          result.skipped.push({ path: full, reason: 'A broken link or unreadable entry.' });
          continue;
        }
      }
      if (info.isDirectory()) await walk(full);
      else if (!info.isFile()) result.skipped.push({ path: full, reason: 'Not a regular file.' });
      else if (name.startsWith('.')) result.skipped.push({ path: full, reason: 'Hidden file.' });
      else if (isMediaExtension(name)) addFile(full);
      else result.skipped.push({ path: full, reason: 'Not a video or audio file.' });
    }
  };

  for (const raw of paths) {
    const full = path.resolve(raw);
    let info;
    try {
      info = await stat(full);
    } catch {
      // Kept so the job can fail with a clear sentence instead of vanishing.
      addFile(full);
      continue;
    }
    if (info.isDirectory()) {
      root = full;
      await walk(full);
      root = null;
    } else addFile(full);
  }
  return result;
}
