import { linkSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runQuick } from './hardware/run-quick';

// Node has no mkfifo call, and starting the mkfifo program for each job costs a fork of
// the worker. So FIFOs are made ahead, many per mkfifo start, in a private folder, and a
// job's FIFO is hard-linked from there to the path its plan names (a link never replaces
// a file, as mkfifo never does). A folder on another file system gets its own mkfifo start.

const BATCH = 16;
const PREFIX = 'framewright-fifos-';

let folder: string | null = null;
let device: number | null = null;
let serial = 0;
const spare: string[] = [];
let filling: Promise<void> | null = null;

/** Removes the pools of workers that ended without removing theirs (killed, crashed). */
function sweepStale(): void {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(/^\D+(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

async function refill(env: Record<string, string>): Promise<void> {
  if (folder === null) {
    sweepStale();
    folder = mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
    device = statSync(folder).dev;
  }
  const base = folder;
  const names = Array.from({ length: BATCH }, () => path.join(base, String(serial++)));
  const made = await runQuick('mkfifo', ['-m', '600', ...names], 5000, env);
  if (made.exitCode === 0) spare.push(...names);
}

/** Takes a FIFO from the pool to `target`; false when the pool cannot serve that folder. */
async function fromPool(target: string, env: Record<string, string>): Promise<boolean> {
  try {
    if (device !== null && statSync(path.dirname(target)).dev !== device) return false;
    if (spare.length === 0) {
      filling ??= refill(env).finally(() => (filling = null));
      await filling;
    }
    const pooled = spare.pop();
    if (pooled === undefined) return false;
    try {
      linkSync(pooled, target);
    } catch (error) {
      // Only a taken target leaves the pooled FIFO usable; otherwise it is dropped.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') spare.push(pooled);
      throw error;
    }
    unlinkSync(pooled);
    return true;
  } catch {
    return false;
  }
}

/** Makes a FIFO (mode 600) at `target`, which must not exist; false when it cannot. */
export async function makeFifo(target: string, env: Record<string, string>): Promise<boolean> {
  if (await fromPool(target, env)) return true;
  const made = await runQuick('mkfifo', ['-m', '600', target], 5000, env);
  return made.exitCode === 0;
}

/** Removes the pool's unused FIFOs (the worker's exit). */
export function removeFifoPool(): void {
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
  folder = null;
  device = null;
  spare.length = 0;
}
