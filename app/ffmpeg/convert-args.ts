import type { Plan } from '../jobs/plan';
import type { MediaInfo } from '../media/model';
import type { AudioSettings, Preset, VideoSettings } from '../presets/schema';
import { hardwareVideoArgs, type HardwareEncoder } from '../hardware/encoder-args';
import { FFMPEG_PREFIX, fileUrl } from './safety';
import { mapTracks } from './track-map';

// Builds the complete ffmpeg argument list for converting one input with one preset.
// Pure: the same preset and probe always give the same command, which `--dry-run`
// prints and the worker runs verbatim.

/** Every frame passes with its own timestamp: none duplicated or dropped (VFR kept). */
const PASSTHROUGH = ['-fps_mode', 'passthrough'] as const;

/** Never upscale; keep the aspect ratio; even width for 4:2:0. */
function scaleFilter(settings: VideoSettings): string[] {
  return settings.maxHeight === undefined ? [] : [`scale=-2:'min(${settings.maxHeight},ih)'`];
}

function hardwareArgs(
  settings: VideoSettings,
  hw: HardwareEncoder,
  pre: readonly string[] = [],
): string[] {
  const { filters, codec } = hardwareVideoArgs(hw, settings);
  const chain = [...pre, ...scaleFilter(settings), ...filters];
  // Software-encoder extraArgs (x264/x265 options) do not apply to hardware encoders.
  return [...codec, ...(chain.length ? ['-vf', chain.join(',')] : []), ...PASSTHROUGH];
}

function videoArgs(settings: VideoSettings, pre: readonly string[] = []): string[] {
  const args = ['-c:v', settings.codec, '-crf', String(settings.crf)];
  if (settings.codec === 'libvpx-vp9' || settings.codec === 'libvpx') args.push('-b:v', '0');
  if (settings.speed !== undefined) {
    args.push(settings.codec.startsWith('libvpx') ? '-deadline' : '-preset', settings.speed);
  }
  if (settings.codec === 'libvpx-vp9') args.push('-row-mt', '1');
  if (settings.pixelFormat !== undefined) args.push('-pix_fmt', settings.pixelFormat);
  const chain = [...pre, ...scaleFilter(settings)];
  if (chain.length > 0) args.push('-vf', chain.join(','));
  return [...args, ...PASSTHROUGH, ...settings.extraArgs];
}

function audioArgs(settings: AudioSettings): string[] {
  const args = ['-c:a', settings.codec];
  if (settings.bitrateKbps !== undefined) args.push('-b:a', `${settings.bitrateKbps}k`);
  if (settings.quality !== undefined) args.push('-q:a', String(settings.quality));
  // libopus rejects layouts such as 5.1(side); fold them to the nearest one it takes.
  if (settings.codec === 'libopus') args.push('-af', 'aformat=channel_layouts=7.1|5.1|stereo|mono');
  return [...args, ...settings.extraArgs];
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

/** Scales into the canvas without distortion and pads the rest (ARCHITECTURE.md, Dynamic resolution). */
export function fitFilter({ width, height }: Canvas): string {
  return `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
}

/** The encoder options for the preset's video, software or hardware, with any filter chain. */
export function videoCodecArgs(
  settings: VideoSettings,
  hw: HardwareEncoder | null,
  fit: Canvas | null,
  pre: readonly string[] = [],
): string[] {
  if (fit === null) return hw !== null ? hardwareArgs(settings, hw, pre) : videoArgs(settings, pre);
  const plain: VideoSettings = { ...settings, maxHeight: undefined };
  const codec = hw !== null ? hardwareArgs(plain, hw) : videoArgs(plain);
  const extra = hw !== null ? hardwareVideoArgs(hw, plain).filters : [];
  return [
    ...codec.filter((_, i, all) => all[i] !== '-vf' && all[i - 1] !== '-vf'),
    '-vf',
    [fitFilter(fit), ...extra].join(','),
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
    args.push(...(preset.audio === 'copy' ? ['-c:a', 'copy'] : audioArgs(preset.audio)));
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
    video === 'copy' ? ['-c:v', 'copy'] : video === 'none' ? [] : videoCodecArgs(video, hw, fit);
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
