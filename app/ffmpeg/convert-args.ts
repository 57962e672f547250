import type { Plan } from '../jobs/plan';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import { parseSeconds } from '../media/streams';
import type { Preset, VideoSettings } from '../presets/schema';
import { hardwareVideoArgs, type HardwareEncoder } from '../hardware/encoder-args';
import { audioArgs } from './audio-choice';
import { emitChain, type ChainItem, type EmittedChain } from './filter-chain';
import {
  alignFilters,
  alignmentOf,
  outputAlignment,
  uprightPictureOf,
  scaleFilters,
  targetPixelFormat,
  type PictureIn,
} from './picture';
import { FFMPEG_PREFIX, fileUrl } from './safety';
import { jobPreset, trimPlan } from './settings-apply';
import { shapePicture, type Shaping } from './settings-filters';
import { burnItems } from './subtitle-choice';
import { mapTracks } from './track-map';

// Builds the complete ffmpeg argument list for converting one input with one preset.
// Pure: the same preset and probe always give the same command, which `--dry-run`
// prints and the worker runs verbatim.

/** Every frame passes with its own timestamp: none duplicated or dropped (VFR kept). */
const PASSTHROUGH = ['-fps_mode', 'passthrough'] as const;

/** Encoder options for the preset's video in software; the filter chain comes separately. */
function softwareCodecArgs(settings: VideoSettings): string[] {
  const args = ['-c:v', settings.codec, '-crf', String(settings.crf)];
  if (settings.codec === 'libvpx-vp9' || settings.codec === 'libvpx') args.push('-b:v', '0');
  if (settings.speed !== undefined) {
    args.push(settings.codec.startsWith('libvpx') ? '-deadline' : '-preset', settings.speed);
  }
  if (settings.codec === 'libvpx-vp9') args.push('-row-mt', '1');
  if (settings.pixelFormat !== undefined) args.push('-pix_fmt', settings.pixelFormat);
  return args;
}

export interface ConvertPlanInput {
  preset: Preset;
  info: MediaInfo;
  /** Absolute path the step writes (a temporary name beside the final output). */
  output: string;
  /** A hardware encoder that the matrix found working; null or absent for software. */
  hardware?: HardwareEncoder | null;
  /** Fit every frame into this canvas, aspect kept and padded (the `fit` resolution policy). */
  fit?: Canvas | null;
  /** What the job changes from the preset; absent: the preset alone. */
  settings?: JobSettings | undefined;
  /** The source's analysis, for the `auto` crop and deinterlace. */
  analysis?: Analysis | null | undefined;
}

export interface Canvas {
  width: number;
  height: number;
}

/** Scales into the canvas without distortion and pads the rest (docs/ARCHITECTURE.md, Dynamic resolution). */
export function fitFilter({ width, height }: Canvas): string {
  return `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
}

/** What the video chain is built from. */
export interface ChainInput {
  settings: VideoSettings;
  hw: HardwareEncoder | null;
  fit: Canvas | null;
  picture: PictureIn;
  /** Filters before everything (a reinit segment's select and scale). */
  pre?: readonly string[];
  /** The job's picture filters and width limit (settings-filters.ts). */
  shape?: Shaping | undefined;
  /** The subtitle burn-in, after the size and frame rate. */
  burn?: readonly ChainItem[];
}

/**
 * The one ordered filter chain for the video: the caller's filters (`pre`), the job's
 * deinterlace, crop, rotate/flip and denoise, then either the `fit` canvas or the crop to
 * the output's alignment and one scale, the frame-rate cap, the burn-in, and last the
 * pixel format (software) or the device upload (hardware). Hardware encoders take 4:2:0
 * (NV12 or yuv420p) input, so they get even sizes, the alignment that format needs.
 */
export function videoFilters(input: ChainInput): ChainItem[] {
  const { settings, hw, fit, shape } = input;
  const picture = shape?.picture ?? input.picture;
  const unit = hw === null ? outputAlignment(settings) : alignmentOf('nv12');
  const size =
    fit === null
      ? [...alignFilters(picture, unit), ...scaleFilters(settings, unit, shape?.maxWidth, picture)]
      : [fitFilter(fit)];
  const format = targetPixelFormat(settings, picture.pixFmt);
  const last =
    hw !== null
      ? hardwareVideoArgs(hw, settings).filters
      : format === null
        ? []
        : [`format=${format}`];
  return [
    ...(input.pre ?? []),
    ...(shape?.before ?? []),
    ...size,
    ...(shape?.after ?? []),
    ...(input.burn ?? []),
    ...last,
  ];
}

/** The encoder options for the preset's video, software or hardware, with its filter chain read from `source`. */
export function videoCodecArgs(input: ChainInput, source: string): EmittedChain {
  const { settings, hw } = input;
  const chain = emitChain(source, videoFilters(input));
  // Software-encoder extraArgs (x264/x265 options) do not apply to hardware encoders.
  const args = [
    ...(hw !== null ? hardwareVideoArgs(hw, settings).codec : softwareCodecArgs(settings)),
    ...chain.args,
    ...PASSTHROUGH,
    ...(hw !== null ? [] : settings.extraArgs),
  ];
  return { args, map: chain.map };
}

/** Maps, codecs, metadata and container options shared by every plan's final output. */
export function outputArgs(
  preset: Preset,
  tracks: ReturnType<typeof mapTracks>,
  layout: { videoRef: string | null; otherInput: number; video: string[] },
  output: string,
  job: { settings?: JobSettings | undefined; warnings?: string[] } = {},
): string[] {
  const args: string[] = [];
  const other = layout.otherInput;
  if (layout.videoRef !== null) args.push('-map', layout.videoRef);
  for (const stream of tracks.audio) args.push('-map', `${other}:${stream.index}`);
  for (const { stream } of tracks.subtitles) args.push('-map', `${other}:${stream.index}`);
  if (preset.video === 'copy' && preset.audio === 'copy') args.push('-map', `${other}:t?`);
  if (layout.videoRef !== null) args.push(...layout.video);
  const audio = { streams: tracks.audio, ordered: tracks.audioOrdered };
  args.push(...audioArgs(preset, audio, job.settings?.audio, job.warnings));
  tracks.subtitles.forEach(({ codec }, i) => args.push(`-c:s:${i}`, codec));
  // Keep container metadata and chapters (unless the job drops them); drop data tracks
  // the container may refuse.
  const chapters = job.settings?.chapters === false ? '-1' : String(other);
  args.push('-map_metadata', String(other), '-map_chapters', chapters, '-dn');
  if (preset.video === 'none') args.push('-vn');
  if (preset.faststart) args.push('-movflags', '+faststart');
  if (preset.container === 'matroska' || preset.container === 'webm') {
    // Let muxing begin early even when streams interleave sparsely.
    args.push('-max_muxing_queue_size', '4096');
  }
  args.push('-f', preset.container, fileUrl(output));
  return args;
}

export function buildConvertArgs(input: ConvertPlanInput): {
  args: string[];
  warnings: string[];
  durationSec: number | null;
} {
  const { info, output, hardware = null, fit = null, settings = {}, analysis = null } = input;
  const preset = jobPreset(input.preset, settings);
  const tracks = mapTracks(preset, info, settings);
  const warnings = [...tracks.warnings];
  const video = preset.video;
  const trim = trimPlan(settings.trim, info.durationSec, video === 'copy');
  warnings.push(...trim.warnings);
  const hw = typeof video === 'object' && tracks.video !== undefined ? hardware : null;
  const setup = hw === null || typeof video !== 'object' ? [] : hardwareVideoArgs(hw, video).global;
  const source = tracks.video === undefined ? null : `0:${tracks.video.index}`;
  let chain: EmittedChain = { args: video === 'copy' ? ['-c:v', 'copy'] : [], map: source ?? '' };
  if (typeof video === 'object' && source !== null) {
    const picture = uprightPictureOf(tracks.video);
    const shape = shapePicture(settings, analysis, tracks.video, picture);
    warnings.push(...shape.warnings);
    // ffmpeg takes the seek and the container's start off the input's timestamps.
    const shift = trim.startSec + (parseSeconds(info.format.start_time) ?? 0);
    const burn = tracks.burn === null ? [] : burnItems(info, tracks.burn, shift);
    chain = videoCodecArgs({ settings: video, hw, fit, picture, shape, burn }, source);
  }
  const args: string[] = [
    ...FFMPEG_PREFIX,
    ...setup,
    ...trim.input,
    '-i',
    fileUrl(info.path),
    ...outputArgs(
      preset,
      tracks,
      { videoRef: source === null ? null : chain.map, otherInput: 0, video: chain.args },
      output,
      { settings, warnings },
    ),
  ];
  return { args, warnings, durationSec: trim.durationSec };
}

/** A plain conversion: one ffmpeg step. */
export function buildConvertPlan(input: ConvertPlanInput): Plan {
  const { args, warnings, durationSec } = buildConvertArgs(input);
  return {
    steps: [
      {
        label: 'Convert',
        program: 'ffmpeg',
        args,
        durationSec,
        weight: 1,
        outputs: [input.output],
        group: 0,
        expectedFrames: null,
        sourceSize: null,
        // The engine adds the output folder; the input is all this step may read.
        access: { reads: [input.info.path], writes: [] },
        timeOffsetSec: 0,
      },
    ],
    warnings,
    files: [],
    workDirs: [],
  };
}
