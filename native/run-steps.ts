import { ProgressParser, estimateEta, type ProgressBlock } from '../app/ffmpeg/progress';
import { FFMPEG_PREFIX, FFPROBE_PREFIX, hasPrefix } from '../app/ffmpeg/safety';
import type { Step } from '../app/jobs/plan';
import type { Progress } from '../app/jobs/progress';
import type { RunParams, RunResult } from '../app/worker/protocol';
import type { Produced } from '../app/jobs/completeness';
import { UserFacingError } from '../app/util/errors';
import { mapLimit } from '../app/util/limit';
import { runProgram } from './process/run-program';
import { explainFailure } from './explain';
import { openFrameStats } from './frame-stats';
import type { Sandbox } from './sandbox';
import type { FrameStatsBatch } from '../app/jobs/frame-stats';

export interface Toolchain {
  ffmpeg: string;
  ffprobe: string;
  env: Record<string, string>;
  sandbox: Sandbox;
}

/** Combines the latest progress of every step into one smooth bar across the plan. */
class PlanProgress {
  private readonly fractions: number[];
  private readonly latest: (ProgressBlock | null)[];
  private readonly started = performance.now();
  private readonly totalWeight: number;

  constructor(private readonly steps: readonly Step[]) {
    this.fractions = steps.map(() => 0);
    this.latest = steps.map(() => null);
    this.totalWeight = steps.reduce((sum, s) => sum + s.weight, 0);
  }

  update(index: number, block: ProgressBlock, known: boolean): Progress {
    const step = this.steps[index] as Step;
    this.latest[index] = block;
    const byTime = step.durationSec ? block.outTimeSec / step.durationSec : 0;
    const fraction = block.end
      ? 1
      : step.expectedFrames
        ? block.frame / step.expectedFrames
        : byTime;
    this.fractions[index] = Math.min(1, Math.max(0, fraction));
    const done = this.steps.reduce((sum, s, i) => sum + s.weight * (this.fractions[i] ?? 0), 0);
    const percent = known ? Math.min(100, (done / this.totalWeight) * 100) : null;
    const running = this.latest.flatMap((b, i) =>
      b !== null && !b.end ? [{ b, step: this.steps[i] as Step }] : [],
    );
    // Steps that keep source timestamps report no speed; derive it from fps instead.
    const speedOf = ({ b, step }: { b: ProgressBlock; step: Step }): number =>
      step.expectedFrames && step.durationSec
        ? b.fps / (step.expectedFrames / step.durationSec)
        : (b.speed ?? 0);
    return {
      percent,
      stepIndex: index,
      stepCount: this.steps.length,
      frame: this.latest.reduce((sum, b) => sum + (b?.frame ?? 0), 0),
      fps: running.reduce((sum, r) => sum + r.b.fps, 0) || block.fps,
      speed: running.length > 0 ? running.reduce((sum, r) => sum + speedOf(r), 0) : block.speed,
      outTimeSec: block.outTimeSec,
      totalSizeBytes: this.latest.reduce((sum, b) => sum + (b?.totalSizeBytes ?? 0), 0),
      etaSec: estimateEta((performance.now() - this.started) / 1000, percent),
    };
  }
}

/** Runs a job's steps: groups in order, the steps of a group in parallel up to the limit. */
export async function runSteps(
  tools: Toolchain,
  params: RunParams,
  signal: AbortSignal,
  onProgress: (progress: Progress) => void,
  onFrameStats?: (batch: FrameStatsBatch) => void,
): Promise<RunResult> {
  const logs: string[] = [];
  // What each step really wrote (its last progress block): the engine compares it with
  // the length the source declares.
  const produced: (Produced | null)[] = params.steps.map(() => null);
  const progress = new PlanProgress(params.steps);
  const known = params.steps.every((s) => s.durationSec !== null);
  const groups = [...new Set(params.steps.map((s) => s.group))].sort((a, b) => a - b);
  // A failing step stops its siblings: nothing keeps running for a job that has failed.
  const failFast = new AbortController();
  const onAbort = (): void => failFast.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (const group of groups) {
      const members = params.steps
        .map((step, index) => ({ step, index }))
        .filter(({ step }) => step.group === group);
      const errors: Error[] = [];
      await mapLimit(members, params.parallelism, async ({ step, index }) => {
        if (failFast.signal.aborted) return;
        try {
          // The plan names the FIFO or pipe; it must exist before ffmpeg starts, read or not.
          const deliver = params.frameStats && onFrameStats ? onFrameStats : () => undefined;
          const stats =
            step.statsPipe === undefined
              ? null
              : await openFrameStats(index, step.statsPipe, tools.env, deliver);
          try {
            logs.push(
              await runStep(tools, step, params.stallTimeoutMs, failFast.signal, (block) => {
                produced[index] = { outTimeSec: block.outTimeSec, frames: block.frame };
                onProgress(progress.update(index, block, known));
              }),
            );
          } finally {
            await stats?.close();
          }
        } catch (error) {
          errors.push(error instanceof Error ? error : new Error(String(error)));
          failFast.abort();
        }
      });
      signal.throwIfAborted();
      const first = errors.find((e) => (e as { code?: string }).code !== 'cancelled') ?? errors[0];
      if (first !== undefined) throw first;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return { log: [`Sandbox: ${tools.sandbox.info.reason}`, ...logs].join('\n'), produced };
}

async function runStep(
  tools: Toolchain,
  step: Step,
  stallTimeoutMs: number,
  signal: AbortSignal,
  onBlock: (block: ProgressBlock) => void,
): Promise<string> {
  const prefix = step.program === 'ffmpeg' ? FFMPEG_PREFIX : FFPROBE_PREFIX;
  if (!hasPrefix(step.args, prefix)) {
    throw new UserFacingError(
      `Step "${step.label}" was refused: it does not start with Framewright's safety options.`,
      'refused',
    );
  }
  const parser = new ProgressParser();
  // The plan's argv, verbatim: nothing is added here.
  const command = tools.sandbox.wrap(
    step.program === 'ffmpeg' ? tools.ffmpeg : tools.ffprobe,
    step.args,
    step.access,
  );
  const outcome = await runProgram({
    ...command,
    stallTimeoutMs,
    signal,
    env: tools.env,
    onStdout: (chunk) => parser.push(chunk).forEach(onBlock),
  });
  if (outcome.reason !== 'exit' || outcome.exitCode !== 0)
    throw explainFailure('convert', outcome, stallTimeoutMs);
  return outcome.log.toString();
}
