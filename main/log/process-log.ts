import path from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

// One rotating log file per process kind (host.log, desktop.log, worker.log, cli.log) in
// the log folder (platform/folders.ts userLogDir). pino writes each line straight into
// rotating-file-stream in this process: pino's transports run in worker threads that load
// files by path at run time, which the esbuild bundles (dist/*.js, app.asar) do not ship.

export type ProcessKind = 'host' | 'desktop' | 'worker' | 'cli';

export interface LogOptions {
  /** Size at which the file is rotated (rotating-file-stream syntax). */
  size?: `${number}${'B' | 'K' | 'M'}`;
  /** Rotated files kept beside the live one (kind.log.1 … kind.log.N). */
  keep?: number;
}

interface OpenLog {
  logger: Logger;
  stream: RotatingFileStream;
  file: string;
}

const silent = pino({ enabled: false });
let current: OpenLog | null = null;

/** The live log file of a kind in a folder. */
export function logFileOf(kind: ProcessKind, dir: string): string {
  return path.join(dir, `${kind}.log`);
}

/**
 * Opens this process's log (replacing one opened before). Logging never stops the work:
 * a folder that cannot be written drops the lines and says so once on stderr.
 */
export function openProcessLog(kind: ProcessKind, dir: string, options: LogOptions = {}): string {
  void closeProcessLog();
  const file = logFileOf(kind, dir);
  const stream = createStream(path.basename(file), {
    path: dir,
    size: options.size ?? '5M',
    rotate: options.keep ?? 3,
  });
  stream.on('error', (error) => {
    process.stderr.write(`note: the log ${file} cannot be written (${error.message}).\n`);
    if (current?.stream === stream) current = null;
  });
  const logger = pino(
    { base: { kind, pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    stream,
  );
  current = { logger, stream, file };
  return file;
}

/** This process's logger; a silent one until a host opens the log. */
export function processLog(): Logger {
  return current?.logger ?? silent;
}

/** The file this process logs to, or null when it has none. */
export function processLogFile(): string | null {
  return current?.file ?? null;
}

/** Writes out what is pending and closes the file (before the process exits). */
export async function closeProcessLog(): Promise<void> {
  const open = current;
  if (open === null) return;
  current = null;
  if (open.stream.destroyed) return;
  await new Promise<void>((resolve) => {
    open.stream.once('error', () => resolve());
    open.stream.end(() => resolve());
  });
}
