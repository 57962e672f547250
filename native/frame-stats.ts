import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LineSplitter, parseVstatsLine } from '../app/ffmpeg/vstats';
import type { FrameStatsBatch } from '../app/jobs/frame-stats';
import { frameStatsTarget, openFifo, openNamedPipe } from './frame-stats-transport';

// Per-frame encoder statistics from -vstats_file on a FIFO, or on Windows a named pipe
// (frame-stats-transport.ts). Batched about every 100 ms into compact arrays: never one
// message per frame (docs/ARCHITECTURE.md, Rule 9).

const BATCH_MS = 100;
let workDir: string | null = null;
let counter = 0;

/** The worker's private folder of FIFOs (the sandbox must let ffmpeg write there). */
export function fifoFolder(): string {
  workDir ??= mkdtempSync(path.join(os.tmpdir(), 'framewright-stats-'));
  return workDir;
}

/** Removes the worker's FIFO folder (on exit). */
export function removeFifoDir(): void {
  if (workDir !== null) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
}

export interface FrameStatsChannel {
  /** Arguments that make ffmpeg write its per-frame statistics to the FIFO or pipe. */
  args: string[];
  /** Reads what is left, flushes the last batch and releases the FIFO or pipe; safe to call twice. */
  close(): Promise<void>;
}

/** Opens a FIFO or named pipe and starts reading it; `onBatch` receives batches while ffmpeg runs. */
export async function openFrameStats(
  stepIndex: number,
  env: Record<string, string>,
  onBatch: (batch: FrameStatsBatch) => void,
): Promise<FrameStatsChannel | null> {
  let lastData = performance.now();
  const splitter = new LineSplitter();
  let pending: FrameStatsBatch = empty(stepIndex);
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    timer = null;
    if (pending.frame.length === 0) return;
    const batch = pending;
    pending = empty(stepIndex);
    onBatch(batch);
  };
  const take = (lines: string[]): void => {
    for (const line of lines) {
      const f = parseVstatsLine(line);
      if (f === null) continue;
      pending.frame.push(f.frame);
      pending.timeSec.push(f.timeSec);
      pending.pictureTypes += f.type;
      pending.sizeBytes.push(f.sizeBytes);
      pending.qp.push(f.qp);
    }
    if (pending.frame.length > 0) timer ??= setTimeout(flush, BATCH_MS);
  };
  const onData = (chunk: string): void => {
    lastData = performance.now();
    take(splitter.push(chunk));
  };
  const target = frameStatsTarget(
    process.platform,
    `vstats-${process.pid}-${counter++}`,
    fifoFolder,
  );
  const source =
    target.kind === 'named-pipe'
      ? await openNamedPipe(target.path, onData)
      : await openFifo(target.path, env, onData);
  if (source === null) return null; // run without frame statistics
  let closed = false;
  return {
    args: ['-vstats_file', source.path, '-vstats_version', '2'],
    close: async () => {
      if (closed) return;
      closed = true;
      // ffmpeg has exited; what it wrote last may still be in the pipe: read until quiet.
      const deadline = performance.now() + 500;
      while (performance.now() - lastData < 40 && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      take(splitter.flush());
      if (timer) clearTimeout(timer);
      flush();
      source.close();
    },
  };
}

function empty(stepIndex: number): FrameStatsBatch {
  return {
    stepIndex,
    frame: [],
    timeSec: [],
    pictureTypes: '',
    sizeBytes: [],
    qp: [],
    width: [],
    height: [],
  };
}
