import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Host } from '../api/host';
import { createFarmSlice } from './farm-slice';
import { createHardwareSlice } from './hardware-slice';
import { createInspectorSlice } from './inspector-slice';
import { createJobPanelSlice } from './job-panel-slice';
import { createJobsSlice } from './jobs-slice';
import { createPresetsSlice } from './presets-slice';
import { createProbesSlice } from './probes-slice';
import { createSettingsSlice } from './settings-slice';
import type { State } from './types';
import { createUiSlice } from './ui-slice';

export type Store = UseBoundStore<StoreApi<State>>;

export function createStore(host: Host): Store {
  return create<State>()((set, get) => ({
    ...createUiSlice(host, set, get),
    ...createJobsSlice(host, set, get),
    ...createInspectorSlice(host, set, get),
    ...createJobPanelSlice(host, set, get),
    ...createProbesSlice(host, set, get),
    ...createPresetsSlice(host, set, get),
    ...createSettingsSlice(host, set, get),
    ...createHardwareSlice(host, set, get),
    ...createFarmSlice(host, set, get),
  }));
}
