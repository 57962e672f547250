import type { Host } from '../api/host';
import { FrameStore } from './frames';
import type { GetState, SetState, UiSlice } from './types';

let nextNotice = 1;
const MAX_NOTICES = 4;

export function createUiSlice(host: Host, set: SetState, get: GetState): UiSlice {
  return {
    host,
    frames: new FrameStore(),
    view: 'queue',
    connected: false,
    connectionProblem: null,
    notices: [],
    setView: (view) => set({ view }),
    setConnected: (connected, connectionProblem) => set({ connected, connectionProblem }),
    notify(kind, text) {
      const notice = { id: nextNotice++, kind, text };
      set({ notices: [...get().notices, notice].slice(-MAX_NOTICES) });
      if (kind === 'info') window.setTimeout(() => get().dismiss(notice.id), 6000);
    },
    dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  };
}
