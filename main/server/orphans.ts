import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { insideOf } from './paths';

// Uploads that never became jobs (the page was closed before adding them, the add
// failed, a dropped folder's files the engine skipped) are removed once their spool
// folder has been idle for a grace period. Files that are some job's input stay; those
// go when their job is removed (spool.ts).

export const DEFAULT_UPLOAD_GRACE_MS = 10 * 60 * 1000;

export interface OrphanSweeper {
  /** An upload into `folder` (a folder directly in the spool) begins; call the result when it ends. */
  begin: (folder: string) => () => void;
  /** Stops sweeping; resolves once a sweep under way has finished. */
  close(): Promise<void>;
}

/** Deletes everything under `target` except `keep` files and the folders holding them. */
async function prune(
  target: string,
  keepFiles: ReadonlySet<string>,
  keepFolders: ReadonlySet<string>,
): Promise<void> {
  if (keepFiles.has(target)) return;
  if (!keepFolders.has(target)) {
    await rm(target, { recursive: true, force: true }).catch(() => undefined);
    return;
  }
  const children = await readdir(target).catch(() => []);
  for (const child of children) await prune(path.join(target, child), keepFiles, keepFolders);
}

export function sweepOrphans(
  spoolDir: string,
  graceMs: number,
  jobInputs: () => Promise<readonly string[]>,
): OrphanSweeper {
  const startedAt = Date.now();
  // Last activity per spool folder; folders from before this start count from the start.
  const touched = new Map<string, number>();
  const uploading = new Map<string, number>();
  const idleSince = (folder: string): number => touched.get(folder) ?? startedAt;
  const idle = (folder: string, now: number): boolean =>
    (uploading.get(folder) ?? 0) === 0 && now - idleSince(folder) >= graceMs;

  async function sweep(): Promise<void> {
    const now = Date.now();
    const names = await readdir(spoolDir).catch(() => []);
    // Oldest first, so a pass decides about older folders before newer ones.
    const due = names
      .map((name) => path.join(spoolDir, name))
      .filter((folder) => idle(folder, now))
      .sort((a, b) => idleSince(a) - idleSince(b));
    if (due.length === 0) return;
    const inSpool = insideOf(spoolDir);
    const keepFiles = new Set<string>();
    const keepFolders = new Set<string>();
    for (const input of await jobInputs()) {
      const file = path.resolve(input);
      if (!inSpool(file)) continue;
      keepFiles.add(file);
      for (let folder = path.dirname(file); inSpool(folder); folder = path.dirname(folder)) {
        if (keepFolders.has(folder)) break;
        keepFolders.add(folder);
      }
    }
    for (const folder of due) {
      if (!idle(folder, Date.now())) continue;
      await prune(folder, keepFiles, keepFolders);
      if (!keepFolders.has(folder) && !keepFiles.has(folder)) touched.delete(folder);
    }
  }

  let sweeping: Promise<void> | null = null;
  const timer = setInterval(
    () => {
      sweeping ??= sweep()
        .catch(() => undefined)
        .finally(() => {
          sweeping = null;
        });
    },
    Math.max(10, graceMs / 2),
  );
  timer.unref();

  return {
    begin: (folder) => {
      const key = path.resolve(folder);
      uploading.set(key, (uploading.get(key) ?? 0) + 1);
      touched.set(key, Date.now());
      return () => {
        touched.set(key, Date.now());
        const left = (uploading.get(key) ?? 1) - 1;
        if (left > 0) uploading.set(key, left);
        else uploading.delete(key);
      };
    },
    close() {
      clearInterval(timer);
      return sweeping ?? Promise.resolve();
    },
  };
}
