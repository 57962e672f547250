import type { Host } from '../api/host';
import { messageOf, type GetState, type PresetsSlice, type SetState } from './types';

export function createPresetsSlice(host: Host, set: SetState, get: GetState): PresetsSlice {
  const { api } = host;
  return {
    presets: [],
    command: null,

    setPresets: (presets) => set({ presets }),

    async choosePreset(id) {
      await get().saveSettings({ presetId: id });
      await get().loadCommand(id);
    },

    async loadCommand(presetId) {
      const jobId = get().selectedId ?? undefined;
      set({ command: { presetId, args: null, error: null } });
      try {
        const args = await api.presets.commandFor(
          jobId === undefined ? { presetId } : { presetId, jobId },
        );
        if (get().command?.presetId === presetId) set({ command: { presetId, args, error: null } });
      } catch (error) {
        if (get().command?.presetId === presetId)
          set({ command: { presetId, args: null, error: messageOf(error) } });
      }
    },

    async importPreset(json) {
      try {
        const preset = await api.presets.import({ json });
        get().notify('info', `Imported the preset “${preset.name}”.`);
      } catch (error) {
        get().notify('error', `That file is not a preset Framewright can use: ${messageOf(error)}`);
      }
    },

    async exportPreset(id) {
      try {
        return await api.presets.export({ id });
      } catch (error) {
        get().notify('error', `Could not export the preset: ${messageOf(error)}`);
        return null;
      }
    },

    async savePreset(preset) {
      try {
        const saved = await api.presets.save({ preset });
        // The list also arrives as an event; asking keeps the editor from waiting on it.
        set({ presets: await api.presets.list() });
        get().notify('info', `Saved the preset “${saved.name}”.`);
        return null;
      } catch (error) {
        return `Could not save the preset: ${messageOf(error)}`;
      }
    },

    async removePreset(id) {
      try {
        await api.presets.remove({ id });
      } catch (error) {
        get().notify('error', `Could not remove the preset: ${messageOf(error)}`);
      }
    },
  };
}
