import type { ProbeStream } from '../media/model';
import { rotationOf } from '../media/streams';
import type { VideoSettings } from '../presets/schema';

// Pictures every encoder accepts: sizes aligned to the output's chroma subsampling by
// cropping (never stretching) with the display aspect kept, and sources in unusual
// pixel formats (4:4:4, 10-bit, RGB, alpha, palette) converted to what the preset asks.

/** What the filter chain knows of the picture entering it (from the probe). */
export interface PictureIn {
  width?: number | undefined;
  height?: number | undefined;
  /** Sample aspect ratio as ffprobe writes it, `num:den`. */
  sar?: string | undefined;
  pixFmt?: string | undefined;
}

export function pictureOf(stream: ProbeStream | undefined): PictureIn {
  return {
    width: stream?.width,
    height: stream?.height,
    sar: stream?.sample_aspect_ratio,
    pixFmt: stream?.pix_fmt,
  };
}

/** The picture as the filter chain gets it: ffmpeg turns a rotated source upright as it decodes. */
export function uprightPictureOf(stream: ProbeStream | undefined): PictureIn {
  const picture = pictureOf(stream);
  return stream === undefined || Math.abs(rotationOf(stream)) % 180 !== 90
    ? picture
    : turned(picture);
}

/** A decoded frame size as the filter chain gets it (turned upright for a quarter-rotated stream). */
export function uprightSize<T extends { width: number; height: number }>(
  stream: ProbeStream | undefined,
  size: T,
): T {
  return stream === undefined || Math.abs(rotationOf(stream)) % 180 !== 90
    ? size
    : { ...size, width: size.height, height: size.width };
}

/** The picture turned a quarter: sides and sample aspect swapped. */
export function turned(picture: PictureIn): PictureIn {
  const [num, den] = (picture.sar ?? '').split(':');
  const sar = num && den ? `${den}:${num}` : picture.sar;
  return { ...picture, width: picture.height, height: picture.width, sar };
}

/** Pixels per chroma sample across and down: the multiple each dimension must be. */
export interface Alignment {
  x: number;
  y: number;
}

const SUBSAMPLING: readonly [RegExp, Alignment][] = [
  [/^(yuva?j?420p|nv12|nv21|p01[0-6])/, { x: 2, y: 2 }],
  [/^(yuva?j?422p|nv16|nv20|p21[0-6]|yuyv422|uyvy422|yvyu422|y210)/, { x: 2, y: 1 }],
  [/^(yuvj?440p)/, { x: 1, y: 2 }],
  [/^(yuvj?411p|uyyvyy411)/, { x: 4, y: 1 }],
  [/^yuv410p/, { x: 4, y: 4 }],
];

export function alignmentOf(pixFmt: string): Alignment {
  return SUBSAMPLING.find(([pattern]) => pattern.test(pixFmt))?.[1] ?? { x: 1, y: 1 };
}

/** 8-bit 4:2:0, which every encoder takes as is. */
const PLAIN = /^(yuvj?420p|nv12|nv21)$/;
const DEEP_420 = /^(yuv420p10(le|be)|p010(le|be))$/;
const HIGH_BIT_DEPTH = /(p9|p1[0246])(le|be)?$|^p01[06]|^y210/;
/** Codecs whose players commonly decode 10-bit 4:2:0 (H.264 High 10 they do not). */
const TEN_BIT_CODECS: ReadonlySet<VideoSettings['codec']> = new Set([
  'libx265',
  'libsvtav1',
  'libvpx-vp9',
]);

/**
 * The pixel format to convert to in the chain, or null to leave the source's. The preset's
 * own format wins; without one, anything but plain 4:2:0 becomes 8-bit 4:2:0 (10-bit 4:2:0
 * where the codec plays it, so HDR stays HDR) instead of the 4:4:4 or High 10 the encoder
 * would otherwise pick.
 */
export function targetPixelFormat(
  settings: VideoSettings,
  source: string | undefined,
): string | null {
  let wanted = settings.pixelFormat ?? null;
  if (wanted === null && source !== undefined && !PLAIN.test(source)) {
    const deep = HIGH_BIT_DEPTH.test(source) && TEN_BIT_CODECS.has(settings.codec);
    wanted = deep ? (DEEP_420.test(source) ? null : 'yuv420p10le') : 'yuv420p';
  }
  return wanted === source ? null : wanted;
}

/** The alignment the encoder's input needs: the preset's format, else 4:2:0 (the default). */
export function outputAlignment(settings: VideoSettings): Alignment {
  return alignmentOf(settings.pixelFormat ?? 'yuv420p');
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Parses `num:den`; unknown (0:1, N/A, absent) counts as square pixels. */
function parseSar(sar: string | undefined): [number, number] {
  const [num, den] = (sar ?? '').split(':').map(Number);
  return num && den && num > 0 && den > 0 ? [num, den] : [1, 1];
}

const multiple = (side: string, n: number): string => (n === 1 ? side : `trunc(${side}/${n})*${n}`);

/** H.264/HEVC store the sample aspect ratio in 16 bits each way. */
const SAR_MAX = 65535;

/**
 * Crops the right column and bottom row (as HandBrake does) until the size is a multiple
 * of the alignment, and sets the sample aspect ratio so the display aspect stays exactly
 * the source's. With the size unknown the crop is written as an expression (a no-op when
 * already aligned) and the aspect may move by at most one pixel's worth.
 */
export function alignFilters(picture: PictureIn, { x, y }: Alignment): string[] {
  if (x === 1 && y === 1) return [];
  const crop = `crop=${multiple('iw', x)}:${multiple('ih', y)}:0:0`;
  const { width, height } = picture;
  if (width === undefined || height === undefined || width < x || height < y) return [crop];
  const w = Math.floor(width / x) * x;
  const h = Math.floor(height / y) * y;
  if (w === width && h === height) return [];
  const [sarNum, sarDen] = parseSar(picture.sar);
  const num = sarNum * width * h;
  const den = sarDen * w * height;
  const d = gcd(num, den);
  return [crop, `setsar=r=${num / d}/${den / d}:max=${SAR_MAX}`];
}

/**
 * One scale filter: never upscales, keeps the display aspect (the sample aspect ratio is
 * kept, so the stored aspect is), and both sides stay multiples of the alignment. The
 * height limit is the job's or the preset's; the width limit only a job's. With both and
 * the size known, the limit that binds scales and the other side follows (as scale=-2).
 */
export function scaleFilters(
  settings: VideoSettings,
  { x, y }: Alignment,
  maxWidth?: number,
  picture: PictureIn = {},
): string[] {
  const down = (limit: number, unit: number): number =>
    Math.max(unit, Math.floor(limit / unit) * unit);
  const maxHeight = settings.maxHeight;
  const h = maxHeight === undefined ? null : `'min(${down(maxHeight, y)},ih)'`;
  const w = maxWidth === undefined ? null : `'min(${down(maxWidth, x)},iw)'`;
  const { width, height } = picture;
  const byHeight =
    w === null ||
    (maxHeight !== undefined &&
      maxWidth !== undefined &&
      width !== undefined &&
      height !== undefined &&
      maxHeight / height <= maxWidth / width);
  if (byHeight) return h === null ? [] : [`scale=-${x}:${h}`];
  if (h === null || (width !== undefined && height !== undefined)) return [`scale=${w}:-${y}`];
  return [
    `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=${Math.max(x, y)}`,
  ];
}
