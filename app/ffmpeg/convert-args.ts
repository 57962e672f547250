import type { Plan } from '../jobs/plan';
import type { MediaInfo, ProbeStream } from '../media/model';
import type { AudioSettings, Preset, VideoSettings } from '../presets/schema';
import { hardwareVideoArgs, type HardwareEncoder } from '../hardware/encoder-args';
import { audioTrackArgs } from './audio-layout';
import {
  alignFilters,
  alignmentOf,
  outputAlignment,
  pictureOf,
  scaleFilters,
  targetPixelFormat,
  type PictureIn,
} from './picture';
import { FFMPEG_PREFIX, fileUrl } from './safety';
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

function audioArgs(settings: AudioSettings, streams: readonly ProbeStream[]): string[] {
  const args = ['-c:a', settings.codec];
  if (settings.quality !== undefined) args.push('-q:a', String(settings.quality));
  return [...args, ...audioTrackArgs(settings, streams), ...settings.extraArgs];
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
}

export interface Canvas {
  width: number;
  height: number;
}

/** Scales into the canvas without distortion and pads the rest (docs/ARCHITECTURE.md, Dynamic resolution). */
export function fitFilter({ width, height }: Canvas): string {
  return `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
}

/**
 * The one ordered filter chain for the video: the caller's filters (`pre`), then either the
 * `fit` canvas or the crop to the output's alignment and the maxHeight scale, then the
 * pixel format (software) or the device upload (hardware). Hardware encoders take 4:2:0
 * (NV12 or yuv420p) input, so they get even sizes, the alignment that format needs.
 */
export function videoFilters(
  settings: VideoSettings,
  hw: HardwareEncoder | null,
  fit: Canvas | null,
  picture: PictureIn,
  pre: readonly string[] = [],
): string[] {
  const unit = hw === null ? outputAlignment(settings) : alignmentOf('nv12');
  const size =
    fit === null
      ? [...alignFilters(picture, unit), ...scaleFilters(settings, unit)]
      : [fitFilter(fit)];
  const format = targetPixelFormat(settings, picture.pixFmt);
  const last =
    hw !== null
      ? hardwareVideoArgs(hw, settings).filters
      : format === null
        ? []
        : [`format=${format}`];
  return [...pre, ...size, ...last];
}

/** The encoder options for the preset's video, software or hardware, with its filter chain. */
export function videoCodecArgs(...input: Parameters<typeof videoFilters>): string[] {
  const [settings, hw] = input;
  const chain = videoFilters(...input);
  // Software-encoder extraArgs (x264/x265 options) do not apply to hardware encoders.
  return [
    ...(hw !== null ? hardwareVideoArgs(hw, settings).codec : softwareCodecArgs(settings)),
    ...(chain.length > 0 ? ['-vf', chain.join(',')] : []),
    ...PASSTHROUGH,
    ...(hw !== null ? [] : settings.extraArgs),
  ];
}

/** Maps, codecs, metadata and container options shared by every plan's final output. */
export function outputArgs(
  preset: Preset,
  tracks: ReturnType<typeof mapTracks>,
  layout: { videoRef: string | null; otherInput: number; video: string[] },
  output: string,
): string[] {
  const args: string[] = [];
  const other = layout.otherInput;
  if (layout.videoRef !== null) args.push('-map', layout.videoRef);
  for (const stream of tracks.audio) args.push('-map', `${other}:${stream.index}`);
  for (const { stream } of tracks.subtitles) args.push('-map', `${other}:${stream.index}`);
  if (preset.video === 'copy' && preset.audio === 'copy') args.push('-map', `${other}:t?`);
  if (layout.videoRef !== null) args.push(...layout.video);
  if (tracks.audio.length > 0)
    args.push(
      ...(preset.audio === 'copy' ? ['-c:a', 'copy'] : audioArgs(preset.audio, tracks.audio)),
    );
  tracks.subtitles.forEach(({ codec }, i) => args.push(`-c:s:${i}`, codec));
  // Keep container metadata and chapters; drop data tracks the container may refuse.
  args.push('-map_metadata', String(other), '-map_chapters', String(other), '-dn');
  if (preset.video === 'none') args.push('-vn');
  if (preset.faststart) args.push('-movflags', '+faststart');
  if (preset.container === 'matroska' || preset.container === 'webm') {
    // Let muxing begin early even when streams interleave sparsely.
    args.push('-max_muxing_queue_size', '4096');
  }
  args.push('-f', preset.container, fileUrl(output));
  return args;
}

export function buildConvertArgs({
  preset,
  info,
  output,
  hardware = null,
  fit = null,
}: ConvertPlanInput): { args: string[]; warnings: string[] } {
  const tracks = mapTracks(preset, info);
  const video = preset.video;
  const hw = typeof video === 'object' && tracks.video !== undefined ? hardware : null;
  const setup = hw === null || typeof video !== 'object' ? [] : hardwareVideoArgs(hw, video).global;
  const videoArgsList =
    video === 'copy'
      ? ['-c:v', 'copy']
      : video === 'none'
        ? []
        : videoCodecArgs(video, hw, fit, pictureOf(tracks.video));
  const args: string[] = [
    ...FFMPEG_PREFIX,
    ...setup,
    '-i',
    fileUrl(info.path),
    ...outputArgs(
      preset,
      tracks,
      {
        videoRef: tracks.video === undefined ? null : `0:${tracks.video.index}`,
        otherInput: 0,
        video: videoArgsList,
      },
      output,
    ),
  ];
  return { args, warnings: tracks.warnings };
}

/** A plain conversion: one ffmpeg step. */
export function buildConvertPlan(input: ConvertPlanInput): Plan {
  const { args, warnings } = buildConvertArgs(input);
  return {
    steps: [
      {
        label: 'Convert',
        program: 'ffmpeg',
        args,
        durationSec: input.info.durationSec,
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
