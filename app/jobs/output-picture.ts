import type { MediaInfo } from '../media/model';
import { audioStreams, preferredStream, rotationOf, videoStreams } from '../media/streams';
import type { Preset } from '../presets/schema';
import type { Analysis, JobSettings } from './settings';

// The picture size and codec an output name may show ({width}, {height}, {codec}),
// worked out from the probe, the preset and the job's settings before the plan exists
// (the plan needs the output's name first).

export interface OutputPicture {
  /** The output picture size; the source's when the job does not change it; null without video. */
  size: { width: number; height: number } | null;
  /** The format of the output's video (its audio for audio-only presets), as ffprobe names it. */
  codec: string | null;
}

/** Encoder → the format ffprobe reports for what it writes. */
const FORMAT_OF: Record<string, string> = {
  libx264: 'h264',
  libx265: 'hevc',
  libsvtav1: 'av1',
  'libvpx-vp9': 'vp9',
  libvpx: 'vp8',
  aac: 'aac',
  libmp3lame: 'mp3',
  libopus: 'opus',
  flac: 'flac',
};

const formatOf = (encoder: string): string => FORMAT_OF[encoder] ?? encoder;
const even = (n: number): number => Math.max(2, Math.floor(n / 2) * 2);
const nearEven = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

function codecOf(info: MediaInfo, preset: Preset): string | null {
  const video = preferredStream(videoStreams(info));
  if (preset.video !== 'none' && video !== undefined)
    return preset.video === 'copy' ? (video.codec_name ?? null) : formatOf(preset.video.codec);
  if (preset.audio === 'copy') return preferredStream(audioStreams(info))?.codec_name ?? null;
  return formatOf(preset.audio.codec);
}

function sizeOf(
  info: MediaInfo,
  preset: Preset,
  settings: JobSettings,
  analysis: Analysis | null,
): OutputPicture['size'] {
  const video = preferredStream(videoStreams(info));
  if (preset.video === 'none' || video?.width === undefined || video.height === undefined)
    return null;
  const turned = (degrees: number): boolean => Math.abs(degrees) % 180 === 90;
  // ffmpeg turns the picture upright as it decodes.
  let [width, height] = turned(rotationOf(video))
    ? [video.height, video.width]
    : [video.width, video.height];
  if (preset.video === 'copy') return { width, height };
  const crop = settings.crop === 'auto' ? analysis?.crop : settings.crop;
  if (typeof crop === 'object' && crop !== null) [width, height] = [crop.width, crop.height];
  if (turned(settings.rotate ?? 0)) [width, height] = [height, width];
  const maxWidth = settings.maxWidth ?? width;
  const maxHeight = settings.maxHeight ?? preset.video.maxHeight ?? height;
  // As ffmpeg's scale=-2: the limited side floored to even, the other rounded to even.
  if (maxWidth >= width && maxHeight >= height) return { width: even(width), height: even(height) };
  if (maxHeight / height <= maxWidth / width) {
    const h = even(maxHeight);
    return { width: nearEven((width * h) / height), height: h };
  }
  const w = even(maxWidth);
  return { width: w, height: nearEven((height * w) / width) };
}

/** The output's picture size and codec, as far as they are known before planning. */
export function outputPicture(
  info: MediaInfo,
  preset: Preset,
  settings: JobSettings = {},
  analysis: Analysis | null = null,
): OutputPicture {
  return { size: sizeOf(info, preset, settings, analysis), codec: codecOf(info, preset) };
}
