import { findShortfall, shortfallMessage } from '../../app/jobs/completeness';
import type { Step } from '../../app/jobs/plan';
import type { MediaInfo } from '../../app/media/model';
import { UserFacingError } from '../../app/util/errors';
import type { RunResult } from '../../app/worker/protocol';
import type { JobContext } from './run-job';

/**
 * After a run: a source that ended before its declared length adds a warning to the job,
 * or, when the job is strict, fails it (the caller's cleanup removes the output).
 */
export function checkCompleteness(
  ctx: Pick<JobContext, 'job' | 'preset' | 'note'>,
  info: MediaInfo,
  steps: readonly Step[],
  result: RunResult,
): void {
  const shortfall = findShortfall({
    info,
    steps,
    produced: result.produced,
    audioOnly: ctx.preset.video === 'none',
  });
  if (shortfall === null) return;
  const message = shortfallMessage(shortfall);
  if (ctx.job.spec.incompleteSource === 'fail')
    throw new UserFacingError(message, 'incomplete-source', result.log);
  ctx.note(message);
}
