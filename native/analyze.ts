import { cropdetectArgs, cropSamplePositions, idetArgs, idetPosition } from '../app/media/analysis';
import type { AnalyzeRaw, WorkerParams } from '../app/worker/protocol';
import { UserFacingError } from '../app/util/errors';
import { mapLimit } from '../app/util/limit';
import { explainFailure } from './explain';
import { runProgram } from './process/run-program';
import type { Toolchain } from './run-steps';

// Runs the analysis commands of app/media/analysis.ts in the sandbox, two at a time, and
// returns ffmpeg's diagnostics for the pure parsers there. A sample that ffmpeg rejects
// (a seek past a damaged end) adds no finding; a cancel, stall or time limit fails it all.

async function diagnostics(
  tools: Toolchain,
  file: string,
  args: string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<string> {
  const outcome = await runProgram({
    ...tools.sandbox.wrap(tools.ffmpeg, args, { reads: [file], writes: [] }),
    stallTimeoutMs: timeoutMs,
    timeoutMs,
    signal,
    env: tools.env,
  });
  if (outcome.reason !== 'exit') throw explainFailure('probe', outcome, timeoutMs);
  return outcome.log.toString();
}

export async function analyzeFile(
  tools: Toolchain,
  params: WorkerParams<'analyze'>,
  signal: AbortSignal,
): Promise<AnalyzeRaw> {
  const { path, durationSec, timeoutMs } = params;
  // One failure stops the other runs, and nothing is answered while one still runs.
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  const failures: unknown[] = [];
  const run = async (args: string[]): Promise<string> => {
    if (both.aborted) return '';
    try {
      return await diagnostics(tools, path, args, timeoutMs, both);
    } catch (error) {
      failures.push(error);
      stop.abort();
      return '';
    }
  };
  const [crop, idet] = await Promise.all([
    mapLimit(cropSamplePositions(durationSec), 2, (at) => run(cropdetectArgs(path, at))),
    run(idetArgs(path, idetPosition(durationSec))),
  ]);
  if (signal.aborted) throw new UserFacingError('Cancelled.', 'cancelled');
  if (failures.length > 0) throw failures[0];
  return { crop, idet };
}
