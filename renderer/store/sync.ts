import { jobsOf } from '../../app/jobs/added';
import type { Job } from '../../app/jobs/job';
import type { Progress } from '../../app/jobs/progress';
import type { JobStatus } from '../../app/jobs/state';
import { messageOf } from './types';
import type { Store } from './index';

// Keeps the store in step with the host: loads everything on each (re)connection and
// applies events. New jobs are applied right away, the `added` events of one frame in
// one store update (a 10,000-file drop is a few frames, one render each). Job updates
// and progress are coalesced and applied together a few times a second, so many
// running jobs cost one render per batch.

const FLUSH_MS = 60;
const FINISHED: ReadonlySet<JobStatus> = new Set(['done', 'failed', 'cancelled']);

export function syncStore(store: Store): () => void {
  const { api, transport } = store.getState().host;
  const { frames } = store.getState();
  const updates = new Map<string, Job>();
  const progress = new Map<string, Progress>();
  let timer: number | null = null;
  /** `added` payloads received in this task, applied together right after it. */
  const added: Job[][] = [];

  function applyAdded(): void {
    if (added.length === 0) return;
    const jobs = added.length === 1 ? (added[0] ?? []) : added.flat();
    added.length = 0;
    store.getState().receiveJobs(jobs, false);
  }

  function flush(): void {
    timer = null;
    const state = store.getState();
    if (updates.size > 0) state.receiveJobs([...updates.values()], false);
    if (progress.size > 0) state.receiveProgress(new Map(progress));
    updates.clear();
    progress.clear();
  }
  const schedule = (): void => {
    timer ??= window.setTimeout(flush, FLUSH_MS);
  };

  async function load(): Promise<void> {
    try {
      const [jobs, queue, presets, settings] = await Promise.all([
        api.jobs.list(),
        api.jobs.queueState(),
        api.presets.list(),
        api.settings.get(),
      ]);
      updates.clear();
      added.length = 0;
      store.setState({ queue, presets, settings });
      void store.getState().loadFarm();
      store.getState().receiveJobs(jobs, true);
      for (const job of jobs) if (FINISHED.has(job.status)) frames.finish(job.id);
    } catch (error) {
      store.getState().notify('error', `Could not load the queue: ${messageOf(error)}`);
    }
  }

  const offs = [
    api.jobs.onAdded((event) => {
      if (added.length === 0) queueMicrotask(applyAdded);
      added.push(jobsOf(event));
    }),
    api.jobs.onUpdate((job) => {
      // A finished job keeps its chart among the last few; a retried one starts afresh.
      if (FINISHED.has(job.status)) frames.finish(job.id);
      else if (job.status === 'queued') frames.forget(job.id);
      updates.set(job.id, job);
      progress.delete(job.id);
      schedule();
    }),
    api.jobs.onProgress(({ id, progress: value }) => {
      progress.set(id, value);
      schedule();
    }),
    api.jobs.onRemoved(({ ids }) => {
      applyAdded();
      flush();
      store.getState().forget(ids);
      ids.forEach((id) => frames.forget(id));
    }),
    api.jobs.onFrameStats((event) => frames.push(event)),
    api.jobs.onQueueState((queue) => store.setState({ queue })),
    api.presets.onChanged((presets) => store.setState({ presets })),
    api.settings.onChanged((settings) => store.setState({ settings })),
    transport.onConnection((connected, problem) => {
      store.getState().setConnected(connected, problem);
      if (connected) void load();
    }),
  ];
  return () => {
    offs.forEach((off) => off());
    if (timer !== null) window.clearTimeout(timer);
  };
}
