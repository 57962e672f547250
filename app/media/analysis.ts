import { FFMPEG_PREFIX, fileUrl } from '../ffmpeg/safety';
import type { Analysis, CropRect } from '../jobs/settings';

// What a source looks like beyond its probe, for `crop: 'auto'` and `deinterlace: 'auto'`:
// cropdetect sampled at several positions (as HandBrake does) and idet over a few hundred
// frames from the middle. The worker runs the commands built here and hands back ffmpeg's
// diagnostics; the parsers below turn that text into an Analysis.

/** Positions sampled for black bars, and frames decoded at each (cropdetect skips the first 2). */
export const CROP_SAMPLES = 10;
export const CROP_FRAMES = 6;
/** Frames idet reads from the middle of the source. */
export const IDET_FRAMES = 300;

/**
 * Interlaced when one field order (TFF or BFF) holds at least this share of the frames idet's
 * multi-frame detection decided. Moving synthetic pictures fool idet into a TFF/BFF mix, so a
 * mix without a clear winner counts as progressive.
 */
export const INTERLACED_SHARE = 2 / 3;
/** Fewer decided frames than this: idet cannot tell (null). */
export const IDET_MIN_DECIDED = 20;

/** Where the crop samples go: spread over the duration, never the very start or end. */
export function cropSamplePositions(durationSec: number | null, count = CROP_SAMPLES): number[] {
  if (durationSec === null || durationSec <= 0) return [0];
  return Array.from({ length: count }, (_, i) => ((i + 1) * durationSec) / (count + 1));
}

/** Where idet starts: a few hundred frames centred on the middle (assuming ~25 fps). */
export function idetPosition(durationSec: number | null): number {
  if (durationSec === null || durationSec <= 0) return 0;
  return Math.max(0, durationSec / 2 - IDET_FRAMES / 25 / 2);
}

function sampleArgs(file: string, atSec: number, frames: number, filter: string): string[] {
  return [
    ...FFMPEG_PREFIX,
    ...(atSec > 0 ? ['-ss', atSec.toFixed(3)] : []),
    '-i',
    fileUrl(file),
    '-map',
    '0:V:0',
    '-frames:v',
    String(frames),
    '-vf',
    filter,
    '-f',
    'null',
    '-',
  ];
}

/** ffmpeg arguments for one cropdetect sample (its findings go to stderr, one line a frame). */
export function cropdetectArgs(file: string, atSec: number): string[] {
  return sampleArgs(file, atSec, CROP_FRAMES, 'cropdetect=round=2');
}

/** ffmpeg arguments for the idet run (its summary goes to stderr at the end). */
export function idetArgs(file: string, atSec: number): string[] {
  return sampleArgs(file, atSec, IDET_FRAMES, 'idet');
}

/** The picture's bounds in one sample, inclusive pixel coordinates. */
export interface Bounds {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

const CROP_LINE = /Parsed_cropdetect_\d+ @ [^\]]*\] x1:(\d+) x2:(\d+) y1:(\d+) y2:(\d+) /g;

/**
 * The bounds cropdetect reports for one sample: its last line, which covers every frame
 * of the run (cropdetect widens them frame by frame). Null when the sample had no line or
 * was all black (cropdetect then reports x2 < x1).
 */
export function parseCropdetect(text: string): Bounds | null {
  const last = [...text.matchAll(CROP_LINE)].at(-1);
  if (last === undefined) return null;
  const [x1, x2, y1, y2] = last.slice(1, 5).map(Number) as [number, number, number, number];
  return x2 < x1 || y2 < y1 ? null : { x1, x2, y1, y2 };
}

/**
 * The rectangle holding the picture at every sample, widened to even coordinates (4:2:0
 * chroma), or null when it would remove nothing or every sample was black or missing.
 */
export function cropFromSamples(
  samples: readonly string[],
  frame: { width: number; height: number },
): CropRect | null {
  const found = samples.map(parseCropdetect).filter((b): b is Bounds => b !== null);
  if (found.length === 0) return null;
  const x = Math.floor(Math.min(...found.map((b) => b.x1)) / 2) * 2;
  const y = Math.floor(Math.min(...found.map((b) => b.y1)) / 2) * 2;
  const right = Math.min(frame.width, Math.ceil((Math.max(...found.map((b) => b.x2)) + 1) / 2) * 2);
  const bottom = Math.min(
    frame.height,
    Math.ceil((Math.max(...found.map((b) => b.y2)) + 1) / 2) * 2,
  );
  const rect = { width: right - x, height: bottom - y, x, y };
  if (rect.width === frame.width && rect.height === frame.height) return null;
  // A sliver of picture is a misreading (a dark scene), not something to crop to.
  if (rect.width < Math.max(16, frame.width / 4) || rect.height < Math.max(16, frame.height / 4))
    return null;
  return rect;
}

export interface IdetCounts {
  tff: number;
  bff: number;
  progressive: number;
  undetermined: number;
}

const IDET_MULTI =
  /Multi frame detection: TFF:\s*(\d+) BFF:\s*(\d+) Progressive:\s*(\d+) Undetermined:\s*(\d+)/;

/** idet's multi-frame counts, or null when the text has none. */
export function parseIdet(text: string): IdetCounts | null {
  const match = IDET_MULTI.exec(text);
  if (match === null) return null;
  const [tff, bff, progressive, undetermined] = match.slice(1, 5).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { tff, bff, progressive, undetermined };
}

/** True when one field order clearly dominates (INTERLACED_SHARE), false when not, null when too few frames were decided. */
export function interlacedFrom(counts: IdetCounts | null): boolean | null {
  if (counts === null) return null;
  const decided = counts.tff + counts.bff + counts.progressive;
  if (decided < IDET_MIN_DECIDED) return null;
  return Math.max(counts.tff, counts.bff) / decided >= INTERLACED_SHARE;
}

/** What the probe's field order says: interlaced (tt, bb, tb, bt), progressive, or unknown. */
export function interlacedByFieldOrder(fieldOrder: string | undefined): boolean | null {
  if (fieldOrder === 'progressive') return false;
  return fieldOrder !== undefined && /^(tt|bb|tb|bt)$/.test(fieldOrder) ? true : null;
}

/** The analysis from the worker's raw text: idet decides interlacing, the field order only when idet cannot. */
export function analysisFrom(
  raw: { crop: readonly string[]; idet: string },
  frame: { width: number; height: number },
  fieldOrder?: string,
): Analysis {
  return {
    crop: cropFromSamples(raw.crop, frame),
    interlaced: interlacedFrom(parseIdet(raw.idet)) ?? interlacedByFieldOrder(fieldOrder),
  };
}
