import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const cliPath = path.join(root, 'dist/cli.js');

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited and its output is complete. */
  done: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
  /** Resolves with the first ndjson event for which `match` is true. */
  waitForEvent(
    match: (event: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
}

/** Starts the built CLI in its own process group (like a shell job), without a shell. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): CliRun {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pendingLine = '';
  const waiters: {
    match: (e: Record<string, unknown>) => boolean;
    resolve: (e: Record<string, unknown>) => void;
  }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = (pendingLine + chunk).split('\n');
    pendingLine = lines.pop() ?? '';
    for (const line of lines) {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(event)) waiter.resolve(event);
        else waiters.push(waiter);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    done,
    waitForEvent: (match) =>
      new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void done.then(() => reject(new Error(`CLI exited before the event came.\n${stderr}`)));
      }),
  };
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv): CliRun['done'] {
  return startCli(args, env).done;
}

/** `convert --json`'s summary, as the tests read it. */
export interface ConvertSummary {
  jobs: {
    input: string;
    output: string | null;
    status: string;
    error: string | null;
    warnings: string[];
  }[];
}
