import type { Host } from '../api/host';
import { messageOf, type FarmSlice, type GetState, type SetState } from './types';

export function createFarmSlice(host: Host, set: SetState, get: GetState): FarmSlice {
  let loading = false;
  return {
    farm: null,
    farmError: null,
    async loadFarm() {
      if (loading) return;
      loading = true;
      try {
        set({ farm: await host.api.farm.status(), farmError: null });
      } catch (error) {
        // The last picture stays; the sentence says it is out of date.
        if (get().farm !== null)
          set({ farmError: `The farm's workers could not be read: ${messageOf(error)}` });
      } finally {
        loading = false;
      }
    },
  };
}
