import type { Host } from '../api/host';
import { plural } from '../../app/util/format';
import { messageOf, type GetState, type JobPanelSlice, type SetState } from './types';

// The job panel's conversations with the engine: analysis (crop, interlacing), the
// preview (one request at a time, cancellable, never holding the queue) and saving
// settings on the selected jobs.

/** Random hex (randomUUID needs a secure context; a web host on the LAN is plain http). */
function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export function createJobPanelSlice(host: Host, set: SetState, get: GetState): JobPanelSlice {
  const { api } = host;
  return {
    analyses: {},
    preview: null,

    async analyze(id) {
      if (get().analyses[id]?.status === 'detecting') return;
      const put = (state: JobPanelSlice['analyses'][string]): void =>
        set({ analyses: { ...get().analyses, [id]: state } });
      put({ status: 'detecting', analysis: null, error: null });
      try {
        put({ status: 'done', analysis: await api.jobs.analyze({ id }), error: null });
      } catch (error) {
        put({ status: 'failed', analysis: null, error: messageOf(error) });
      }
    },

    async makePreview(jobId, settings) {
      if (get().preview?.status === 'making') await get().cancelPreview();
      const requestId = newRequestId();
      set({ preview: { requestId, jobId, status: 'making', result: null, error: null } });
      const current = (): boolean => get().preview?.requestId === requestId;
      try {
        const result = await api.preview.make({ requestId, jobId, settings });
        if (current()) set({ preview: { requestId, jobId, status: 'ready', result, error: null } });
      } catch (error) {
        // A cancelled request rejects too; the panel already says it was cancelled.
        if (current() && get().preview?.status === 'making')
          set({
            preview: { requestId, jobId, status: 'failed', result: null, error: messageOf(error) },
          });
      }
    },

    async cancelPreview() {
      const preview = get().preview;
      if (preview?.status !== 'making') return;
      set({ preview: { ...preview, status: 'cancelled' } });
      try {
        await api.preview.cancel({ requestId: preview.requestId });
      } catch (error) {
        get().notify('error', `Could not cancel the preview: ${messageOf(error)}`);
      }
    },

    async applySettings(ids, settings) {
      try {
        await api.jobs.setSettings({ ids, settings });
        get().notify('info', `Saved the settings of ${plural(ids.length, 'job', 'jobs')}.`);
        return true;
      } catch (error) {
        get().notify('error', `Could not save the settings: ${messageOf(error)}`);
        return false;
      }
    },
  };
}
