import type { Plan } from '../jobs/plan';
import type { MediaInfo } from '../media/model';
import type { AudioSettings, Preset, VideoSettings } from '../presets/schema';
import { hardwareVideoArgs, type HardwareEncoder } from '../hardware/encoder-args';
import { FFMPEG_PREFIX, fileUrl } from './safety';
import { mapTracks } from './track-map';

// Builds the complete ffmpeg argument list for converting one input with one preset.
// Pure: the same preset and probe always give the same command, which `--dry-run`
// prints and the worker runs verbatim.

/** Never upscale; keep the aspect ratio; even width for 4:2:0. */
function scaleFilter(settings: VideoSettings): string[] {
  return settings.maxHeight === undefined ? [] : [`scale=-2:'min(${settings.maxHeight},ih)'`];
}

function hardwareArgs(settings: VideoSettings, hw: HardwareEncoder): string[] {
  const { filters, codec } = hardwareVideoArgs(hw, settings);
  const chain = [...scaleFilter(settings), ...filters];
  // Software-encoder extraArgs (x264/x265 options) do not apply to hardware encoders.
  return [...codec, ...(chain.length ? ['-vf', chain.join(',')] : [])];
}

function videoArgs(settings: VideoSettings): string[] {
  const args = ['-c:v', settings.codec, '-crf', String(settings.crf)];
  if (settings.codec === 'libvpx-vp9' || settings.codec === 'libvpx') args.push('-b:v', '0');
  if (settings.speed !== undefined) {
    args.push(settings.codec.startsWith('libvpx') ? '-deadline' : '-preset', settings.speed);
  }
  if (settings.codec === 'libvpx-vp9') args.push('-row-mt', '1');
  if (settings.pixelFormat !== undefined) args.push('-pix_fmt', settings.pixelFormat);
  const chain = scaleFilter(settings);
  if (chain.length > 0) args.push('-vf', chain.join(','));
  return [...args, ...settings.extraArgs];
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
}

export function buildConvertArgs({ preset, info, output, hardware = null }: ConvertPlanInput): { args: string[]; warnings: string[] } {
  const tracks = mapTracks(preset, info);
  const hw = typeof preset.video === 'object' && tracks.video !== undefined ? hardware : null;
  const setup = hw === null || typeof preset.video !== 'object' ? [] : hardwareVideoArgs(hw, preset.video).global;
  const args: string[] = [...FFMPEG_PREFIX, ...setup, '-i', fileUrl(info.path)];

  if (tracks.video !== undefined) args.push('-map', `0:${tracks.video.index}`);
  for (const stream of tracks.audio) args.push('-map', `0:${stream.index}`);
  for (const { stream } of tracks.subtitles) args.push('-map', `0:${stream.index}`);
  if (preset.video === 'copy' && preset.audio === 'copy') args.push('-map', '0:t?');

  if (tracks.video !== undefined) {
    const video = preset.video;
    args.push(...(video === 'copy' ? ['-c:v', 'copy'] : video === 'none' ? [] : hw !== null ? hardwareArgs(video, hw) : videoArgs(video)));
  }
  if (tracks.audio.length > 0) args.push(...(preset.audio === 'copy' ? ['-c:a', 'copy'] : audioArgs(preset.audio)));
  tracks.subtitles.forEach(({ codec }, i) => args.push(`-c:s:${i}`, codec));

  // Keep container metadata and chapters; drop data tracks the container may refuse.
  args.push('-map_metadata', '0', '-map_chapters', '0', '-dn');
  if (preset.video === 'none') args.push('-vn');
  if (preset.faststart) args.push('-movflags', '+faststart');
  if (preset.container === 'matroska' || preset.container === 'webm') {
    // Let muxing begin early even when streams interleave sparsely.
    args.push('-max_muxing_queue_size', '4096');
  }
  args.push('-f', preset.container, fileUrl(output));
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
      },
    ],
    warnings,
  };
}
