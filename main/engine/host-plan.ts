import { autoChunksFor } from '../../app/ffmpeg/chunk-plan';
import type { DecoderChoice } from '../../app/ffmpeg/hw-decode';
import type { Os } from '../../app/hardware/backends';
import type { HardwareEncoder } from '../../app/hardware/encoder-args';
import type { HardwareReport } from '../../app/hardware/model';
import type { Plan } from '../../app/jobs/plan';
import type { JobSettings } from '../../app/jobs/settings';
import type { MediaInfo } from '../../app/media/model';
import { chooseHardware, decoderFor, wantsHardware } from '../../app/plan/choose-hardware';
import { planJob, type PlanJobInput, type StatsChannel } from '../../app/plan/plan-job';
import type { Preset, VideoSettings } from '../../app/presets/schema';

// The planner's inputs that depend on this machine, decided one way for the run,
// `--dry-run` and the command preview alike.

/** This machine's OS, as the hardware tables name it. */
export function hostOs(): Os {
  return (['linux', 'win32', 'darwin'] as const).find((p) => p === process.platform) ?? 'linux';
}

/** How this OS hands ffmpeg's per-frame statistics to the worker. */
function hostStatsChannel(): StatsChannel {
  return process.platform === 'win32' ? 'named-pipe' : 'fifo';
}

/** The encoder chosen, the note the job records, and the matrix it was chosen from. */
export interface EncoderChoice {
  hw: HardwareEncoder | null;
  note: string | null;
  report: HardwareReport | null;
}

/** Where the hardware matrix comes from: tested (or its valid cache), or the last saved one. */
export interface MatrixSource {
  /** The matrix, tested now unless its cache is still valid. */
  tested: () => Promise<HardwareReport | null>;
  /** The last tested matrix without testing anything (null before the first test here). */
  saved: () => Promise<HardwareReport | null>;
}

/**
 * Software or a tested hardware encoder, with the note the job records. The matrix is
 * tested only when the preset wants hardware; a software preset reads the last saved one
 * (for hardware decoding) and never starts a test. A matrix that cannot be had means software.
 */
export async function chooseEncoder(preset: Preset, matrix: MatrixSource): Promise<EncoderChoice> {
  const report = await (wantsHardware(preset) ? matrix.tested() : matrix.saved()).catch(() => null);
  return { ...chooseHardware(preset, report, hostOs()), report };
}

/**
 * How this job's video is decoded here: from the matrix the encoder choice read, so it
 * asks nothing more. Null when no video is encoded.
 */
export function decoderOnHost(
  preset: Preset,
  info: MediaInfo,
  settings: JobSettings | undefined,
  encoder: EncoderChoice,
): DecoderChoice | null {
  return decoderFor(preset, info, settings, encoder, hostOs());
}

/**
 * The chunk count `--chunks auto` resolves to here (the best count measured for this
 * encoder, see chunk-calibration.ts); undefined when the settings name a count or none.
 */
export async function chooseChunks(
  preset: Preset,
  settings: JobSettings | undefined,
  info: MediaInfo,
  hardware: HardwareEncoder | null,
  best: (video: VideoSettings) => Promise<number>,
): Promise<number | undefined> {
  if (settings?.chunks !== 'auto') return undefined;
  const video = autoChunksFor(preset, settings, info, hardware);
  return video === null ? 1 : best(video).catch(() => 1);
}

/** The planner with this machine's statistics channel. */
export function planOnHost(input: Omit<PlanJobInput, 'stats'>): Plan {
  return planJob({ ...input, stats: hostStatsChannel() });
}
