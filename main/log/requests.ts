import type { WorkerMethod, WorkerParams } from '../../app/worker/protocol';
import { processLog } from './process-log';

// What the engine asks of the sandboxed worker, as log lines: every program a job runs
// (its command, joined for reading only: it ran as an argument array) and how it ended,
// probes and analyses by file, and worker restarts. The supervisor calls these hooks.

/** A request's end: called once with its error, or with nothing when it succeeded. */
export type RequestEnd = (error?: unknown) => void;

const QUIET: ReadonlySet<WorkerMethod> = new Set(['configure', 'memory']);

function subjectOf(method: WorkerMethod, params: unknown): Record<string, unknown> {
  if (method === 'run') return { job: (params as WorkerParams<'run'>).jobId };
  const file = (params as { path?: unknown }).path;
  return typeof file === 'string' ? { file } : {};
}

/** Logs a worker request's start (each ffmpeg command of a run) and returns its end hook. */
export function logRequest<M extends WorkerMethod>(method: M, params: WorkerParams<M>): RequestEnd {
  if (QUIET.has(method)) return () => undefined;
  const log = processLog();
  const subject = subjectOf(method, params);
  if (method === 'run') {
    (params as WorkerParams<'run'>).steps.forEach((step, index) =>
      log.info(
        { ...subject, step: index, command: [step.program, ...step.args].join(' ') },
        `${step.program} started`,
      ),
    );
  } else log.info(subject, `${method} started`);
  const started = Date.now();
  return (error) => {
    const ms = Date.now() - started;
    if (error === undefined) {
      log.info({ ...subject, exit: 0, ms }, `${method} ended: exit code 0`);
      return;
    }
    const { code, message, exit } = error as {
      code?: unknown;
      message?: unknown;
      exit?: { code: number | null; signal: string | null };
    };
    const ended =
      exit === undefined
        ? ''
        : exit.signal !== null
          ? `signal ${exit.signal}: `
          : exit.code !== null
            ? `exit code ${exit.code}: `
            : '';
    log.warn(
      {
        ...subject,
        end: typeof code === 'string' ? code : 'error',
        ...(exit === undefined ? {} : { exit: exit.code, signal: exit.signal }),
        ms,
        error: String(message),
      },
      `${method} failed: ${ended}${String(message)}`,
    );
  };
}

/** The worker process died and will be started again at the next request. */
export function logWorkerRestart(reason: string, restarts: number): void {
  processLog().warn({ restarts }, `worker restarted: ${reason}`);
}
