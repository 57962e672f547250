import { ProgressParser, estimateEta, overallPercent } from '../app/ffmpeg/progress';
import { FFMPEG_PREFIX, FFPROBE_PREFIX, hasPrefix } from '../app/ffmpeg/safety';
import type { Progress } from '../app/jobs/progress';
import type { RunParams } from '../app/worker/protocol';
import { UserFacingError } from '../app/util/errors';
import { runProgram } from './process/run-program';
import { explainFailure } from './explain';

export interface Toolchain {
  ffmpeg: string;
  ffprobe: string;
  env: Record<string, string>;
}

/** Runs a job's steps in order, reporting one smooth progress across them. */
export async function runSteps(
  tools: Toolchain,
  params: RunParams,
  signal: AbortSignal,
  onProgress: (progress: Progress) => void,
): Promise<{ log: string }> {
  const started = performance.now();
  const logs: string[] = [];
  for (const [stepIndex, step] of params.steps.entries()) {
    const prefix = step.program === 'ffmpeg' ? FFMPEG_PREFIX : FFPROBE_PREFIX;
    if (!hasPrefix(step.args, prefix)) {
      throw new UserFacingError(`Step "${step.label}" was refused: it does not start with Framewright's safety options.`, 'refused');
    }
    const parser = new ProgressParser();
    const outcome = await runProgram({
      program: step.program === 'ffmpeg' ? tools.ffmpeg : tools.ffprobe,
      args: step.args,
      stallTimeoutMs: params.stallTimeoutMs,
      signal,
      env: tools.env,
      onStdout: (chunk) => {
        for (const block of parser.push(chunk)) {
          const fraction = step.durationSec ? block.outTimeSec / step.durationSec : null;
          const percent = overallPercent(params.steps, stepIndex, block.end ? 1 : fraction);
          onProgress({
            percent,
            stepIndex,
            stepCount: params.steps.length,
            frame: block.frame,
            fps: block.fps,
            speed: block.speed,
            outTimeSec: block.outTimeSec,
            totalSizeBytes: block.totalSizeBytes,
            etaSec: estimateEta((performance.now() - started) / 1000, percent),
          });
        }
      },
    });
    logs.push(outcome.log.toString());
    if (outcome.reason !== 'exit' || outcome.exitCode !== 0) {
      throw explainFailure('convert', outcome, params.stallTimeoutMs);
    }
  }
  return { log: logs.join('\n') };
}
