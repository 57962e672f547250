import { runProgram } from '../process/run-program';

/** Runs a short program with a hard time limit and returns its output (never throws). */
export async function runQuick(
  program: string,
  args: readonly string[],
  timeLimitMs: number,
  env: Record<string, string>,
): Promise<{
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}> {
  const started = performance.now();
  let stdout = '';
  const outcome = await runProgram({
    program,
    args,
    stallTimeoutMs: timeLimitMs,
    timeoutMs: timeLimitMs,
    signal: new AbortController().signal,
    env,
    onStdout: (chunk) => {
      if (stdout.length < 1_000_000) stdout += chunk;
    },
    killGraceMs: 500,
  });
  return {
    exitCode: outcome.reason === 'spawn-failed' ? null : outcome.exitCode,
    timedOut: outcome.reason === 'timeout' || outcome.reason === 'stalled',
    stdout,
    stderr:
      outcome.reason === 'spawn-failed'
        ? String(outcome.spawnError?.message ?? '')
        : outcome.log.toString(),
    durationMs: performance.now() - started,
  };
}
