import type { Host } from '../api/host';
import { messageOf, type GetState, type HardwareSlice, type SetState } from './types';

export function createHardwareSlice(host: Host, set: SetState, get: GetState): HardwareSlice {
  return {
    hardware: null,
    hardwareBusy: false,
    hardwareError: null,
    async loadHardware(refresh) {
      if (get().hardwareBusy) return;
      set({ hardwareBusy: true, hardwareError: null });
      try {
        set({ hardware: await host.api.hardware.inspect({ refresh }) });
      } catch (error) {
        set({ hardwareError: `The hardware check did not finish: ${messageOf(error)}` });
      } finally {
        set({ hardwareBusy: false });
      }
    },
  };
}
