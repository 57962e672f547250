import type { Host } from '../api/host';
import { messageOf, type GetState, type SetState, type SettingsSlice } from './types';

export function createSettingsSlice(host: Host, set: SetState, get: GetState): SettingsSlice {
  const { api } = host;
  return {
    settings: null,
    doctor: null,

    setSettings: (settings) => set({ settings }),

    async saveSettings(patch) {
      try {
        set({ settings: await api.settings.set(patch) });
        return true;
      } catch (error) {
        get().notify('error', `Could not save the settings: ${messageOf(error)}`);
        return false;
      }
    },

    async loadDoctor() {
      try {
        set({ doctor: await api.system.doctor() });
      } catch (error) {
        get().notify('error', `Could not check FFmpeg: ${messageOf(error)}`);
      }
    },
  };
}
