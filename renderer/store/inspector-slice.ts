import type { Host } from '../api/host';
import { messageOf, type GetState, type InspectorSlice, type SetState } from './types';

export function createInspectorSlice(host: Host, set: SetState, get: GetState): InspectorSlice {
  return {
    selectedId: null,
    selection: [],
    inspection: null,
    inspectorTab: 'details',
    setInspectorTab: (inspectorTab) => set({ inspectorTab }),
    select(id) {
      if (id === get().selectedId && get().selection.length <= 1) return;
      if (id === get().selectedId) return set({ selection: id === null ? [] : [id] });
      set({
        selectedId: id,
        selection: id === null ? [] : [id],
        inspection: id === null ? null : { id, outcome: null, error: null },
      });
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
    extendSelection(id, mode) {
      const { selectedId, selection, ids } = get();
      if (selectedId === null) return get().select(id);
      if (mode === 'toggle') {
        if (id === selectedId) return;
        set({
          selection: selection.includes(id)
            ? selection.filter((other) => other !== id)
            : [...selection, id],
        });
        return;
      }
      const from = ids.indexOf(selectedId);
      const to = ids.indexOf(id);
      if (from < 0 || to < 0) return;
      const run = ids.slice(Math.min(from, to), Math.max(from, to) + 1);
      set({ selection: [selectedId, ...run.filter((other) => other !== selectedId)] });
    },
  };
}
