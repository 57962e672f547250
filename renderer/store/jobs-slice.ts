import type { Job } from '../../app/jobs/job';
import { fileName, plural } from '../../app/util/format';
import type { Host } from '../api/host';
import { messageOf, type GetState, type JobsSlice, type SetState } from './types';

export function createJobsSlice(host: Host, set: SetState, get: GetState): JobsSlice {
  const { api } = host;

  /** Runs an intention; a failure becomes a notice instead of an unhandled rejection. */
  async function attempt(what: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      get().notify('error', `${what}: ${messageOf(error)}`);
    }
  }

  return {
    ids: [],
    byId: new Map(),
    progress: {},
    loaded: false,
    queue: { running: false, concurrency: 1, throttled: null },
    adding: null,

    receiveJobs(jobs, replace) {
      const state = get();
      const byId = replace ? new Map<string, Job>() : new Map(state.byId);
      const ids = replace ? [] : state.ids.slice();
      const progress = replace ? {} : { ...state.progress };
      for (const job of jobs) {
        if (!byId.has(job.id)) ids.push(job.id);
        byId.set(job.id, job);
        if (job.progress !== null) progress[job.id] = job.progress;
        else if (job.status === 'queued') delete progress[job.id];
      }
      set({ byId, ids, progress, loaded: true });
    },

    receiveProgress(updates) {
      const progress = { ...get().progress };
      updates.forEach((value, id) => {
        progress[id] = value;
      });
      set({ progress });
    },

    forget(removed) {
      const gone = new Set(removed);
      const byId = new Map(get().byId);
      const progress = { ...get().progress };
      for (const id of removed) {
        byId.delete(id);
        delete progress[id];
      }
      const selectedId = get().selectedId;
      set({
        byId,
        progress,
        ids: get().ids.filter((id) => !gone.has(id)),
        ...(selectedId !== null && gone.has(selectedId)
          ? { selectedId: null, selection: [], inspection: null }
          : { selection: get().selection.filter((id) => !gone.has(id)) }),
      });
    },

    async addFiles(pending) {
      try {
        const files = await pending;
        if (files.length === 0) return;
        set({ adding: { done: 0, total: files.length } });
        const paths = await host.pathsForFiles(files, (adding) => set({ adding }));
        await get().addPaths(paths);
      } catch (error) {
        get().notify('error', messageOf(error));
      } finally {
        set({ adding: null });
      }
    },

    async addPaths(paths) {
      if (paths.length === 0) return;
      await attempt('Could not add the files', async () => {
        const presetId = get().settings?.presetId;
        // The new jobs reach the list through the `added` events, before this reply.
        const result = await api.jobs.add(presetId ? { paths, presetId } : { paths });
        if (result.skipped.length > 0) {
          const first = result.skipped[0];
          const example = first ? ` (for example ${fileName(first.path)}: ${first.reason})` : '';
          get().notify(
            'info',
            `${plural(result.skipped.length, 'item was', 'items were')} skipped${example}.`,
          );
        }
      });
    },

    async toggleQueue() {
      await attempt('Could not change the queue', async () => {
        const queue = get().queue.running ? await api.jobs.pause() : await api.jobs.start();
        set({ queue });
      });
    },

    cancel: (id) => attempt('Could not cancel', () => api.jobs.cancel({ ids: [id] })),
    retry: (id) => attempt('Could not retry', () => api.jobs.retry({ ids: [id] })),
    remove: (id) => attempt('Could not remove', () => api.jobs.remove({ ids: [id] })),
    clearFinished: () =>
      attempt('Could not clear the finished jobs', () => api.jobs.clearFinished()),
  };
}
