import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { BoundedLog } from './bounded-log';

// Starts one native program and owns it until it is gone (docs/ARCHITECTURE.md, Rules 1, 3, 12):
// argument array and no shell, its own process group, a scrubbed environment,
// a no-progress watchdog, an optional hard time limit, and cancellation that kills
// the whole group with TERM then KILL (ffmpeg ignores one TERM while blocked on a FIFO).

export interface RunProgramOptions {
  program: string;
  args: readonly string[];
  /** Kill when neither stdout nor stderr produced anything for this long. */
  stallTimeoutMs: number;
  /** Kill when the program runs longer than this in total. */
  timeoutMs?: number;
  signal: AbortSignal;
  /** Called with each stdout chunk (ffmpeg progress, or ffprobe JSON). */
  onStdout?: (chunk: string) => void;
  cwd?: string;
  env: Record<string, string>;
  /** Grace between TERM and KILL. */
  killGraceMs?: number;
  /** It dies with the worker (bubblewrap's --die-with-parent), so the supervisor need not sweep it. */
  diesWithParent?: boolean;
}

export type EndReason = 'exit' | 'stalled' | 'timeout' | 'cancelled' | 'spawn-failed';

export interface ProgramOutcome {
  reason: EndReason;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  log: BoundedLog;
  spawnError?: Error;
}

type ChildObserver = (pid: number, alive: boolean) => void;
let observer: ChildObserver = () => undefined;
/**
 * Tells the supervisor each process group we start and end, so it can sweep them if the
 * worker dies; not those that die with the worker anyway (two messages fewer per program).
 */
export function observeChildren(next: ChildObserver): void {
  observer = next;
}

/**
 * Test hook: with FRAMEWRIGHT_SPAWN_LOG=<file> set, every argv is appended to that file as
 * one JSON line at spawn time, so tests can compare what ran with what `--dry-run` printed.
 */
function logSpawn(program: string, args: readonly string[]): void {
  const file = process.env.FRAMEWRIGHT_SPAWN_LOG;
  if (file) appendFileSync(file, `${JSON.stringify([program, ...args])}\n`);
}

export function runProgram(options: RunProgramOptions): Promise<ProgramOutcome> {
  const log = new BoundedLog();
  return new Promise((resolve) => {
    let reason: EndReason = 'exit';
    let settled = false;
    logSpawn(options.program, options.args);
    const child = spawn(options.program, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so the whole tree can be killed
      windowsHide: true,
    });

    const observed = child.pid !== undefined && options.diesWithParent !== true;
    if (observed) observer(child.pid, true);
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (why: EndReason): void => {
      if (reason === 'exit') reason = why;
      signalGroup(child.pid, 'SIGTERM');
      killTimer ??= setTimeout(
        () => signalGroup(child.pid, 'SIGKILL'),
        options.killGraceMs ?? 1500,
      );
    };

    let stallTimer = setTimeout(() => killGroup('stalled'), options.stallTimeoutMs);
    const touch = (): void => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => killGroup('stalled'), options.stallTimeoutMs);
    };
    const hardTimer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => killGroup('timeout'), options.timeoutMs);
    const onAbort = (): void => killGroup('cancelled');
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      touch();
      options.onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      touch();
      log.append(chunk);
    });

    const finish = (outcome: Omit<ProgramOutcome, 'log' | 'reason'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(stallTimer);
      clearTimeout(hardTimer);
      options.signal.removeEventListener('abort', onAbort);
      // Sweep the group: anything the program left behind dies with it.
      signalGroup(child.pid, 'SIGKILL');
      clearTimeout(killTimer);
      if (observed) observer(child.pid, false);
      resolve({ ...outcome, reason, log });
    };
    child.on('error', (error) => {
      reason = 'spawn-failed';
      finish({ exitCode: null, exitSignal: null, spawnError: error });
    });
    // 'close' waits for stdio to drain, so the last progress block is seen.
    child.on('close', (exitCode, exitSignal) => finish({ exitCode, exitSignal }));
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    // No process groups on Windows: taskkill ends the whole tree (TERM has no equivalent).
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on(
      'error',
      () => undefined,
    );
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone (ESRCH): nothing to do.
  }
}
