import type { HardwareEncoder } from '../hardware/encoder-args';
import { hardwareVideoArgs } from '../hardware/encoder-args';
import type { ResolutionPolicy } from '../jobs/job';
import type { MetricName } from '../jobs/metrics';
import type { Step } from '../jobs/plan';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import type { Preset } from '../presets/schema';
import { videoFilters } from './convert-args';
import { uprightPictureOf } from './picture';
import { jobCanvas, jobPolicy } from './resolution-plan';
import { FFMPEG_PREFIX, fileUrl } from './safety';
import { jobPreset, trimPlan } from './settings-apply';
import { shapePicture } from './settings-filters';
import { filterValue } from './subtitle-choice';
import { mapTracks } from './track-map';

// The ffmpeg run that measures an encoded file against its source, frame for frame.
//
// Alignment: the reference is the source through the job's own trim and picture chain
// (deinterlace, crop, rotate/flip, denoise, the alignment crop and the one scale with the
// planner's flags, or the `fit` canvas, the frame-rate cap, the pixel format), i.e. exactly
// the picture the encoder was given. So the score measures what the encoder lost and
// nothing the job meant to change; a lossless encode scores SSIM 1. (Scaling the output up
// to the source instead would add the upscaler's own error to every score.) A burned-in
// subtitle is left out of the reference. Both sides then start at 0 on one time base and
// are compared frame by frame by timestamp.

/** The metrics this planner measures; the others are noted as not measured. */
export const MEASURABLE: readonly MetricName[] = ['ssim', 'psnr'];

export interface MetricsPlanInput {
  /** The source's probe, as the job's plan read it. */
  info: MediaInfo;
  /** The job's preset and settings, as planned (the job's CRF, trim, crop, size…). */
  preset: Preset;
  settings?: JobSettings | undefined;
  analysis?: Analysis | null | undefined;
  /** The hardware encoder the plan used (its size alignment), or null. */
  hardware?: HardwareEncoder | null | undefined;
  policy?: ResolutionPolicy | undefined;
  /** The encoded file to measure (the whole output, or a sample encoded with the same plan). */
  distorted: string;
  /** The metrics to measure (only those in MEASURABLE are). */
  names: readonly MetricName[];
  /** Measure every Nth frame (absent or 1: every frame). */
  every?: number | undefined;
  /** Only this part of `distorted` (seconds on its own clock from its first frame). */
  window?: { startSec: number; durationSec: number } | undefined;
  /** Where ffmpeg prints the per-frame values (a file in a folder the step may write). */
  statsFile: string;
  /** Seconds the step may run at most (`-t` bounds the measured length); absent: no bound. */
  maxSec?: number | undefined;
}

export interface MetricsPlan {
  step: Step;
  /** The metrics the step measures, in the order the parser reads them. */
  names: MetricName[];
  /** The largest sample value of the compared format (255 for 8-bit), for the overall PSNR. */
  peak: number;
}

const seconds = (value: number): string => String(Math.round(value * 1e6) / 1e6);

/**
 * Same clock on both sides: the first frame at 0, then times in whole milliseconds, as
 * Matroska and WebM keep them (at 12 fps an exact 83.33 ms against a kept 83 ms would
 * pair each frame with its neighbour).
 */
const ZERO_CLOCK = ['setpts=PTS-STARTPTS', 'settb=1/1000'];

/** The pixel format both sides are compared in: what the encoder was given. */
function comparedFormat(
  hw: HardwareEncoder | null,
  chain: readonly string[],
  source: string | undefined,
): string {
  const format = [...chain].reverse().find((f) => f.startsWith('format='));
  const chosen = format?.slice('format='.length) ?? source ?? 'yuv420p';
  // Hardware encoders take 4:2:0; the metric filters want it planar.
  if (hw !== null) return /1[026]/.test(chosen) ? 'yuv420p10le' : 'yuv420p';
  return chosen;
}

const peakOf = (format: string): number => {
  const bits = /p(9|1[0246])(le|be)?$/.exec(format)?.[1];
  return bits === undefined ? 255 : 2 ** Number(bits) - 1;
};

/**
 * The measuring step, or a sentence saying why this job cannot be measured (no video, or
 * a picture size that changes in the output).
 */
export function planMetrics(input: MetricsPlanInput): MetricsPlan | { unsupported: string } {
  const settings = input.settings ?? {};
  const preset = jobPreset(input.preset, settings);
  const video = preset.video;
  const stream = mapTracks(preset, input.info, settings).video;
  if (typeof video !== 'object' || stream === undefined)
    return { unsupported: 'Quality is measured only for encoded video.' };
  const policy = jobPolicy(preset, input.info, input.policy ?? 'auto', settings);
  if (policy === 'reinit')
    return {
      unsupported: 'Quality is not measured when the picture size changes within the output.',
    };
  const names = input.names.filter((n) => MEASURABLE.includes(n));
  if (names.length === 0) return { unsupported: 'None of the asked metrics can be measured.' };
  const hw = input.hardware ?? null;
  const analysis = input.analysis ?? null;
  const picture = uprightPictureOf(stream);
  const shape = shapePicture(settings, analysis, stream, picture);
  const fit = policy === 'fit' ? jobCanvas(preset, input.info, settings, analysis) : null;
  const chain = videoFilters({ settings: video, hw, fit, picture, shape }).filter(
    (f): f is string => typeof f === 'string',
  );
  const upload = hw === null ? 0 : hardwareVideoArgs(hw, video).filters.length;
  const shaping = chain.slice(0, chain.length - upload);
  const format = comparedFormat(hw, shaping, picture.pixFmt);

  // The reference's trim is the job's, moved on by the window.
  const trim = trimPlan(settings.trim, input.info.durationSec, false);
  const start = trim.startSec + (input.window?.startSec ?? 0);
  const left = trim.durationSec === null ? null : trim.durationSec - (input.window?.startSec ?? 0);
  const wanted = input.window?.durationSec ?? left;
  const length =
    wanted === null ? input.maxSec : Math.min(wanted, left ?? wanted, input.maxSec ?? wanted);
  const window = (from: number): string[] => [
    ...(from > 0 ? ['-ss', seconds(from)] : []),
    ...(length !== undefined ? ['-t', seconds(length)] : []),
  ];

  const step = input.every !== undefined && input.every > 1 ? [`framestep=${input.every}`] : [];
  const distorted = [...ZERO_CLOCK, ...step, `format=${format}`].join(',');
  // The shaping first, on the clock the encoder's chain saw (its fps cap and temporal
  // filters depend on it); the frame step after it, counting the same frames on both sides.
  const reference = [...shaping, ...ZERO_CLOCK, ...step, `format=${format}`].join(',');
  const graph = [`[0:v:0]${distorted}[d0]`];
  const refs =
    names.length > 1 ? `,split=${names.length}${names.map((_, i) => `[r${i}]`).join('')}` : '[r0]';
  graph.push(`[1:${stream.index}]${reference}${refs}`);
  names.forEach((name, i) => {
    graph.push(`[d${i}][r${i}]${name}=shortest=1[d${i + 1}]`);
  });
  const print = `metadata=mode=print:file=${filterValue(fileUrl(input.statsFile))}`;
  graph.push(`[d${names.length}]${print}[out]`);
  const args = [
    ...FFMPEG_PREFIX,
    ...window(input.window?.startSec ?? 0),
    '-i',
    fileUrl(input.distorted),
    ...window(start),
    '-i',
    fileUrl(input.info.path),
    '-filter_complex',
    graph.join(';'),
    ...['-map', '[out]', '-f', 'null', '-'],
  ];
  return {
    names,
    peak: peakOf(format),
    step: {
      label: 'Measuring quality',
      program: 'ffmpeg',
      args,
      durationSec: length ?? trim.durationSec,
      weight: 1,
      outputs: [input.statsFile],
      expectedFrames: null,
      sourceSize: null,
      timeOffsetSec: 0,
      access: { reads: [input.info.path, input.distorted], writes: [] },
      group: 0,
    },
  };
}
