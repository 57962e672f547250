import type { Host } from '../api/host';
import { messageOf, type GetState, type InspectorSlice, type SetState } from './types';

export function createInspectorSlice(host: Host, set: SetState, get: GetState): InspectorSlice {
  return {
    selectedId: null,
    inspection: null,
    select(id) {
      if (id === get().selectedId) return;
      set({ selectedId: id, inspection: id === null ? null : { id, outcome: null, error: null } });
      if (id === null) return;
      host.api.jobs.inspect({ id }).then(
        (outcome) => {
          get().rememberProbe(id, outcome);
          if (get().selectedId === id) set({ inspection: { id, outcome, error: null } });
        },
        (error: unknown) => {
          if (get().selectedId === id)
            set({ inspection: { id, outcome: null, error: messageOf(error) } });
        },
      );
    },
  };
}
