import { LineSplitter, parseVstatsLine } from '../app/ffmpeg/vstats';
import type { FrameStatsBatch } from '../app/jobs/frame-stats';
import { openFifo, openNamedPipe } from './frame-stats-transport';

// Per-frame encoder statistics from -vstats_file on a FIFO, or on Windows a named pipe
// (frame-stats-transport.ts). Batched about every 100 ms into compact arrays: never one
// message per frame (docs/ARCHITECTURE.md, Rule 9).

const BATCH_MS = 100;

export interface FrameStatsChannel {
  /** Reads what is left, flushes the last batch and releases the FIFO or pipe; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Makes the FIFO (POSIX) or serves the named pipe (Windows) at `pipePath`, the path the
 * plan gave ffmpeg's -vstats_file, and reads it; `onBatch` receives batches while ffmpeg
 * runs. Null when it cannot be made: ffmpeg then writes a plain file there, beside the
 * temporary output, which the job's cleanup removes.
 */
export async function openFrameStats(
  stepIndex: number,
  pipePath: string,
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
  const source =
    process.platform === 'win32'
      ? await openNamedPipe(pipePath, onData)
      : await openFifo(pipePath, env, onData);
  if (source === null) return null; // run without frame statistics
  let closed = false;
  return {
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
