import type { Analysis, JobSettings } from '../../../app/jobs/settings';
import type { MediaInfo } from '../../../app/media/model';
import { UserFacingError } from '../../../app/util/errors';
import { analyzeSource } from '../analyze';
import type { JobQueue } from '../job-queue';
import type { WorkerSupervisor } from '../supervisor';
import { inspectJob } from './jobs';
import type { Probe } from './media';

/** Settings that need the source analysed first: a crop or deinterlace that says `auto`. */
export function needsAnalysis(settings: JobSettings | undefined): boolean {
  return settings?.crop === 'auto' || settings?.deinterlace === 'auto';
}

export interface AnalysesDeps {
  queue: JobQueue;
  probe: Probe;
  supervisor: WorkerSupervisor;
  timeoutMs: () => number;
}

/** The analysis of each job's source: found once, kept with the job, shared while it runs. */
export class JobAnalyses {
  private readonly inflight = new Map<string, Promise<Analysis>>();

  constructor(private readonly deps: AnalysesDeps) {}

  /** For the api: the job's source is probed first when it has not been. */
  async ofJob(id: string): Promise<Analysis> {
    const cached = this.deps.queue.analysisOf(id);
    if (cached !== undefined) return cached;
    const outcome = await inspectJob(this.deps, id);
    if (!outcome.ok) throw new UserFacingError(outcome.error, 'probe-failed');
    return this.of(id, outcome.info);
  }

  /** With the probe at hand; a signal (a running job's) stops only its own analysis. */
  of(id: string, info: MediaInfo, signal?: AbortSignal): Promise<Analysis> {
    const { queue, supervisor } = this.deps;
    const cached = queue.analysisOf(id);
    if (cached !== undefined) return Promise.resolve(cached);
    const analyze = (): Promise<Analysis> =>
      analyzeSource(supervisor, info, {
        timeoutMs: this.deps.timeoutMs(),
        ...(signal === undefined ? {} : { signal }),
      }).then((analysis) => {
        queue.rememberAnalysis(id, analysis);
        return analysis;
      });
    if (signal !== undefined) return analyze();
    let running = this.inflight.get(id);
    if (running === undefined) {
      running = analyze().finally(() => this.inflight.delete(id));
      this.inflight.set(id, running);
    }
    return running;
  }
}
