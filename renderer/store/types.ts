import type { FarmStatus, PreviewResult, ProbeOutcome, QueueState } from '../../app/api/contract';
import type { Settings } from '../../app/api/settings';
import type { HardwareReport } from '../../app/hardware/model';
import type { Job } from '../../app/jobs/job';
import type { Analysis, JobSettings } from '../../app/jobs/settings';
import type { Progress } from '../../app/jobs/progress';
import type { Preset } from '../../app/presets/schema';
import type { ToolchainReport } from '../../app/worker/protocol';
import type { Picked } from '../api/drop';
import type { Host } from '../api/host';
import type { FrameStore } from './frames';
import type { RowFacts } from './row-facts';

// One zustand store, sliced by feature. Each slice owns its fields and actions; this
// file only names them so the slices can see each other's state.

export type View = 'queue' | 'presets' | 'hardware' | 'farm' | 'settings';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface JobsSlice {
  ids: string[];
  /** A Map: copying it for each batch of new jobs is several times cheaper than an object. */
  byId: ReadonlyMap<string, Job>;
  progress: Record<string, Progress>;
  loaded: boolean;
  queue: QueueState;
  /** Files being uploaded or handed to the engine, or null when idle. */
  adding: { done: number; total: number } | null;
  receiveJobs: (jobs: readonly Job[], replace: boolean) => void;
  receiveProgress: (updates: ReadonlyMap<string, Progress>) => void;
  forget: (ids: readonly string[]) => void;
  addFiles: (files: Promise<Picked[]>) => Promise<void>;
  addPaths: (paths: string[]) => Promise<void>;
  toggleQueue: () => Promise<void>;
  cancel: (id: string) => Promise<void>;
  retry: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  clearFinished: () => Promise<void>;
}

export type InspectorTab = 'details' | 'settings' | 'preview';

export interface InspectorSlice {
  /** The job the details pane shows (the first of the selection). */
  selectedId: string | null;
  /** Every selected job, selectedId first; the job panel applies its settings to all. */
  selection: string[];
  inspection: { id: string; outcome: ProbeOutcome | null; error: string | null } | null;
  inspectorTab: InspectorTab;
  select: (id: string | null) => void;
  /** Ctrl/Cmd-click adds or removes one job; Shift-click selects the run from selectedId. */
  extendSelection: (id: string, mode: 'toggle' | 'range') => void;
  setInspectorTab: (tab: InspectorTab) => void;
}

export interface AnalysisState {
  status: 'detecting' | 'done' | 'failed';
  analysis: Analysis | null;
  error: string | null;
}

export interface PreviewState {
  requestId: string;
  jobId: string;
  status: 'making' | 'ready' | 'failed' | 'cancelled';
  result: PreviewResult | null;
  error: string | null;
}

export interface JobPanelSlice {
  /** Per job: what the analysis found (crop, interlacing), once asked. */
  analyses: Record<string, AnalysisState>;
  analyze: (id: string) => Promise<void>;
  /** The latest preview request (one at a time; a new one cancels the previous). */
  preview: PreviewState | null;
  makePreview: (jobId: string, settings: JobSettings) => Promise<void>;
  cancelPreview: () => Promise<void>;
  /** Saves settings on jobs; true when the engine took them. */
  applySettings: (ids: string[], settings: JobSettings) => Promise<boolean>;
}

export interface ProbesSlice {
  /** Per job: what its probe found, null when it could not be asked; absent until read. */
  facts: Record<string, RowFacts | null>;
  /** A queue row in view asks for its job's facts; call the returned function when it leaves. */
  watchFacts: (id: string) => () => void;
  /** Keeps what a probe says about a job (the Inspector's read fills the same cache). */
  rememberProbe: (id: string, outcome: ProbeOutcome) => void;
}

export interface PresetsSlice {
  presets: Preset[];
  command: { presetId: string; args: string[] | null; error: string | null } | null;
  setPresets: (presets: Preset[]) => void;
  choosePreset: (id: string) => Promise<void>;
  loadCommand: (presetId: string) => Promise<void>;
  importPreset: (json: string) => Promise<void>;
  exportPreset: (id: string) => Promise<string | null>;
  removePreset: (id: string) => Promise<void>;
  /** Saves a user preset; the error sentence, or null once saved. */
  savePreset: (preset: Preset) => Promise<string | null>;
}

export interface SettingsSlice {
  settings: Settings | null;
  doctor: ToolchainReport | null;
  setSettings: (settings: Settings) => void;
  saveSettings: (patch: Partial<Settings>) => Promise<boolean>;
  loadDoctor: () => Promise<void>;
}

export interface HardwareSlice {
  hardware: HardwareReport | null;
  hardwareBusy: boolean;
  hardwareError: string | null;
  loadHardware: (refresh: boolean) => Promise<void>;
}

export interface FarmSlice {
  /** The farm this host runs its jobs in; null when it runs them itself (no Farm tab). */
  farm: FarmStatus | null;
  farmError: string | null;
  loadFarm: () => Promise<void>;
}

export interface UiSlice {
  host: Host;
  /** Per-frame encoder statistics of running and recently finished jobs, outside React. */
  frames: FrameStore;
  view: View;
  connected: boolean;
  /** Why the host cannot be reached, when retrying will not help. */
  connectionProblem: string | null;
  notices: Notice[];
  setView: (view: View) => void;
  setConnected: (connected: boolean, problem: string | null) => void;
  notify: (kind: Notice['kind'], text: string) => void;
  dismiss: (id: number) => void;
}

export type State = JobsSlice &
  InspectorSlice &
  JobPanelSlice &
  ProbesSlice &
  PresetsSlice &
  SettingsSlice &
  HardwareSlice &
  FarmSlice &
  UiSlice;
export type SetState = (partial: Partial<State> | ((state: State) => Partial<State>)) => void;
export type GetState = () => State;

/** A sentence from any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
