import { linkSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runQuick } from './hardware/run-quick';

// Node has no mkfifo call, and starting the mkfifo program for each job costs a fork of
// the worker. So FIFOs are made ahead, many per mkfifo start, in a private folder, and a
// job's FIFO is hard-linked from there to the path its plan names (a link never replaces
// a file, as mkfifo never does). A folder on another file system gets its own mkfifo start.

const BATCH = 16;

let folder: string | null = null;
let device: number | null = null;
let serial = 0;
const spare: string[] = [];
let filling: Promise<void> | null = null;

async function refill(env: Record<string, string>): Promise<void> {
  if (folder === null) {
    folder = mkdtempSync(path.join(os.tmpdir(), 'framewright-fifos-'));
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
      spare.push(pooled);
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
