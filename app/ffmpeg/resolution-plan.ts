import type { ResolutionPolicy } from '../jobs/job';
import type { Plan } from '../jobs/plan';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import type { ResolutionScan } from '../media/resolution';
import type { HardwareEncoder } from '../hardware/encoder-args';
import type { Preset, VideoSettings } from '../presets/schema';
import { planChunks, requestedChunks } from './chunk-plan';
import { buildConvertPlan, type Canvas } from './convert-args';
import { buildPartsPlan, type PartsInput } from './parts-plan';
import { uprightPictureOf, uprightSize } from './picture';
import { jobPreset, speedProblem } from './settings-apply';
import { shapePicture } from './settings-filters';

// Inputs whose size changes mid-stream. Plain ffmpeg stretches every frame to the first
// frame's size; we either re-initialise the encoder per segment (`reinit`), or fit every
// frame into one canvas with its aspect kept (`fit`). `stretch` only when asked.

export type { ResolutionPolicy };

/**
 * `auto`: Matroska carries in-band size changes well, so each segment keeps its size.
 * MP4 and WebM players (Safari/QuickTime, TV decoders) are less forgiving, so those
 * get one canvas. Nothing to decide when the size never changes or video is copied.
 */
export function choosePolicy(
  preset: Preset,
  info: MediaInfo,
  requested: ResolutionPolicy,
): 'single' | 'reinit' | 'fit' | 'stretch' {
  if (typeof preset.video !== 'object' || (info.resolution?.segments.length ?? 0) < 2)
    return 'single';
  if (requested !== 'auto') return requested;
  return preset.container === 'matroska' ? 'reinit' : 'fit';
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

/** The largest segment's size. */
export function largestSize(scan: ResolutionScan): Canvas {
  const { width, height } = scan.segments.reduce((a, b) =>
    b.width * b.height > a.width * a.height ? b : a,
  );
  return { width, height };
}

/** The canvas for `fit`: the largest picture, scaled down to the height and width limits. */
export function fitCanvas(largest: Canvas, settings: VideoSettings, maxWidth?: number): Canvas {
  const scale = Math.min(
    1,
    (settings.maxHeight ?? Infinity) / largest.height,
    (maxWidth ?? Infinity) / largest.width,
  );
  return { width: even(largest.width * scale), height: even(largest.height * scale) };
}

/**
 * scan (done at probe) → one encode per segment, in parallel, each at its own size →
 * a stream-copy join (parts-plan.ts).
 */
export function buildReinitPlan(input: PartsInput): Plan {
  const { segments } = input.info.resolution;
  const plan = buildPartsPlan(input, segments, { noun: 'segment', pinSize: true });
  plan.warnings.push(
    `The picture size changes ${segments.length - 1} time(s); each part was encoded at its own size (policy "reinit").`,
  );
  return plan;
}

/** The plan for one input, honouring its resolution changes and the job's settings. */
export function buildPlanFor(input: {
  preset: Preset;
  info: MediaInfo;
  output: string;
  workDir: string;
  hardware: HardwareEncoder | null;
  policy: ResolutionPolicy;
  settings?: JobSettings | undefined;
  analysis?: Analysis | null | undefined;
  /** Chunks to encode the video in, `auto` already decided; absent: as the settings say. */
  chunks?: number | undefined;
}): Plan {
  const settings = input.settings ?? {};
  const preset = jobPreset(input.preset, settings);
  const count = input.chunks ?? requestedChunks(settings.chunks);
  const chunked =
    count < 2
      ? null
      : planChunks({
          ...input,
          preset,
          settings,
          analysis: input.analysis ?? null,
          policy: choosePolicy(preset, input.info, input.policy),
          count,
        });
  const plan = chunked?.plan ?? planWithPolicy({ ...input, preset, settings });
  if (chunked?.note != null) plan.warnings.push(chunked.note);
  const speed = speedProblem(input.preset, settings);
  if (speed !== null) plan.warnings.push(speed);
  return plan;
}

/**
 * The policy a job's plan follows. Segments seek and select by source timestamps; a trim
 * or a burn-in on top of that is not exact, so such a job is fitted into one canvas instead.
 */
export function jobPolicy(
  preset: Preset,
  info: MediaInfo,
  policy: ResolutionPolicy,
  settings: JobSettings,
): ReturnType<typeof choosePolicy> {
  const chosen = choosePolicy(preset, info, policy);
  return chosen === 'reinit' && (settings.trim !== undefined || settings.subtitles?.burn)
    ? 'fit'
    : chosen;
}

/** The canvas a `fit` job's frames are fitted into (null without video or a resolution scan). */
export function jobCanvas(
  preset: Preset,
  info: MediaInfo,
  settings: JobSettings,
  analysis: Analysis | null,
): Canvas | null {
  if (typeof preset.video !== 'object' || !info.resolution) return null;
  const stream = info.streams.find((s) => s.index === info.resolution?.streamIndex);
  const shaped = shapePicture(settings, analysis, stream, {
    ...uprightPictureOf(stream),
    ...uprightSize(stream, largestSize(info.resolution)),
  }).picture;
  const largest = { width: shaped.width ?? 2, height: shaped.height ?? 2 };
  return fitCanvas(largest, preset.video, settings.maxWidth);
}

/** The plan for the job's preset (jobPreset), by the resolution policy it gets. */
function planWithPolicy(input: Parameters<typeof buildPlanFor>[0]): Plan {
  const { info, policy, preset, settings = {}, analysis = null } = input;
  const effective = jobPolicy(preset, info, policy, settings);
  const notes: string[] = [];
  if (effective === 'fit' && choosePolicy(preset, info, policy) === 'reinit')
    notes.push(
      'The picture size changes mid-stream, and a trimmed or subtitle-burning job cannot be encoded part by part, so every frame was fitted into one size instead.',
    );
  if (effective === 'reinit' && typeof preset.video === 'object' && info.resolution) {
    return buildReinitPlan({
      ...input,
      preset,
      info: { ...info, resolution: info.resolution },
      settings: preset.video,
      job: settings,
      analysis,
    });
  }
  const convert = { ...input, preset, settings, analysis };
  const canvas = effective === 'fit' ? jobCanvas(preset, info, settings, analysis) : null;
  if (canvas !== null && info.resolution) {
    const plan = buildConvertPlan({ ...convert, fit: canvas });
    plan.warnings.push(
      ...notes,
      `The picture size changes ${info.resolution.segments.length - 1} time(s); every frame was fitted into ${canvas.width}x${canvas.height} with its shape kept (policy "fit").`,
    );
    return plan;
  }
  const plan = buildConvertPlan(convert);
  if (effective === 'stretch')
    plan.warnings.push(
      'The picture size changes mid-stream; every frame was stretched to the first size, as asked (policy "stretch").',
    );
  return plan;
}
