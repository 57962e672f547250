import type { FramewrightApi } from '../../../app/api/contract';
import { Emitter } from '../emitter';
import type { HardwareService } from '../hardware';
import { chooseEncoder, decoderOnHost, planOnHost } from '../host-plan';
import type { JobQueue } from '../job-queue';
import { decideJobOutput } from '../output';
import type { PresetStore } from '../presets';
import { sampleMedia } from '../sample-media';
import type { SettingsHolder } from './settings';

export interface PresetsDeps {
  store: PresetStore;
  queue: JobQueue;
  settings: SettingsHolder;
  hardware: HardwareService;
  defaultOutDir: string;
}

export function presetsService(deps: PresetsDeps): FramewrightApi['presets'] {
  const { store, queue, settings } = deps;
  const changed = new Emitter<ReturnType<PresetStore['list']>>();
  return {
    list: () => Promise.resolve(store.list()),
    commandFor: async ({ presetId, jobId, settings: edits }) => {
      const preset = store.require(presetId);
      const job = jobId === undefined ? undefined : queue.get(jobId);
      const info =
        (jobId !== undefined ? queue.probeOf(jobId) : undefined) ??
        sampleMedia(job?.spec.input ?? '/path/to/input.mov');
      // The panel's unsaved edits, else the job's own; `auto` uses the analysis once found.
      const jobSettings = edits ?? job?.spec.settings;
      const analysis = (jobId !== undefined ? queue.analysisOf(jobId) : undefined) ?? null;
      const spec = {
        input: info.path,
        outDir: job?.spec.outDir ?? (settings.value.outDir || deps.defaultOutDir),
        settings: jobSettings,
        sourceRoot: job?.spec.sourceRoot,
      };
      // The run's own planner and choices; 'rename' names a temp file like every policy.
      const output = await decideJobOutput(spec, preset, info, analysis, 'rename');
      const encoder = await chooseEncoder(preset, {
        tested: () => deps.hardware.inspect(false),
        saved: () => deps.hardware.saved(),
      });
      const plan = planOnHost({
        info,
        preset,
        hardware: encoder.hw,
        policy: job?.spec.resolutionPolicy ?? settings.value.resolutionPolicy,
        output: {
          final: output.final,
          temp: output.kind === 'write' ? output.temp : output.final,
        },
        settings: jobSettings,
        analysis,
        decoder: decoderOnHost(preset, info, jobSettings, encoder),
      });
      // The preview shows one command: the step that writes the output.
      return plan.steps.at(-1)?.args ?? [];
    },
    import: async ({ json }) => {
      const preset = await store.import(json);
      changed.emit(store.list());
      return preset;
    },
    export: ({ id }) => Promise.resolve(`${JSON.stringify(store.require(id), null, 2)}\n`),
    remove: async ({ id }) => {
      await store.remove(id);
      changed.emit(store.list());
    },
    save: async ({ preset }) => {
      const saved = await store.save(preset);
      changed.emit(store.list());
      return saved;
    },
    onChanged: changed.on,
  };
}
