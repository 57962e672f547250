import type { FramewrightApi, PreviewRequest } from '../../../app/api/contract';
import { UserFacingError } from '../../../app/util/errors';
import type { HardwareService } from '../hardware';
import { chooseEncoder } from '../host-plan';
import type { JobQueue } from '../job-queue';
import type { PresetStore } from '../presets';
import type { MakePreview, PreviewService } from '../preview';
import { needsAnalysis, type JobAnalyses } from './analysis';
import { inspectJob } from './jobs';
import type { Probe } from './media';

export interface PreviewApiDeps {
  queue: JobQueue;
  presets: PresetStore;
  probe: Probe;
  analyses: JobAnalyses;
  hardware: HardwareService;
  previews: PreviewService;
}

/** A job's preview: its probe (cached), settings (the request's or its own), analysis when `auto` asks, encoder. */
export function previewService(deps: PreviewApiDeps): FramewrightApi['preview'] {
  // Requests still being prepared (probe, analysis, encoder): a cancel stops them too.
  const preparing = new Map<string, AbortController>();
  const prepare = async (request: PreviewRequest, signal: AbortSignal): Promise<MakePreview> => {
    const job = deps.queue.get(request.jobId);
    if (job === undefined)
      throw new UserFacingError('That job is no longer in the queue.', 'no-job');
    const preset = deps.presets.require(job.spec.presetId);
    const outcome = await inspectJob(deps, job.id);
    if (!outcome.ok) throw new UserFacingError(outcome.error, 'probe-failed');
    const settings = request.settings ?? job.spec.settings ?? {};
    const analysis = needsAnalysis(settings) ? await deps.analyses.of(job.id, outcome.info) : null;
    const encoder = await chooseEncoder(preset, {
      tested: () => deps.hardware.inspect(false),
      saved: () => deps.hardware.saved(),
    });
    if (signal.aborted) throw new UserFacingError('Cancelled.', 'cancelled');
    return {
      request,
      info: outcome.info,
      preset,
      settings,
      analysis,
      hardware: encoder.hw,
      policy: job.spec.resolutionPolicy,
    };
  };
  return {
    make: async (request) => {
      const controller = new AbortController();
      preparing.set(request.requestId, controller);
      let input: MakePreview;
      try {
        input = await prepare(request, controller.signal);
      } finally {
        preparing.delete(request.requestId);
      }
      return deps.previews.make(input);
    },
    cancel: ({ requestId }) => {
      preparing.get(requestId)?.abort();
      deps.previews.cancel(requestId);
      return Promise.resolve();
    },
  };
}
