import { z } from 'zod';

// Resolution segments: where a video stream changes size mid-stream (game captures,
// screen and WebRTC recordings, broadcasts). Found at probe time by a keyframe-only
// scan; codecs that may change size on any frame (VP9, AV1) get a full-decode scan.

export const ResolutionSegmentSchema = z.object({
  /** First frame's timestamp in stream time-base units. */
  startPts: z.number().int(),
  /** Seconds from the stream's first frame. */
  startSec: z.number().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ResolutionSegment = z.infer<typeof ResolutionSegmentSchema>;

/** The most chunk start points a scan keeps: a two-hour film has about 3600 keyframes. */
export const MAX_CUTS = 10_000;

export const ResolutionScanSchema = z.object({
  streamIndex: z.number().int().nonnegative(),
  method: z.enum(['keyframes', 'every-frame']),
  /** Stream time base as [numerator, denominator]. */
  timeBase: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  segments: z.array(ResolutionSegmentSchema),
  /**
   * Timestamps of frames a chunk may start at, in order: the keyframes (a keyframe scan)
   * or frames spread evenly (an every-frame scan), at most MAX_CUTS. Absent in probes
   * saved before it was kept.
   */
  cuts: z.array(z.number().int()).max(MAX_CUTS).optional(),
});
export type ResolutionScan = z.infer<typeof ResolutionScanSchema>;

/** Codecs whose frames may change size without a keyframe. */
export function needsEveryFrameScan(codecName: string | undefined): boolean {
  return codecName === 'vp9' || codecName === 'av1' || codecName === 'vp8';
}

export function parseTimeBase(value: string | undefined): [number, number] | null {
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  if (!match) return null;
  const num = Number(match[1]);
  const den = Number(match[2]);
  return num > 0 && den > 0 ? [num, den] : null;
}

/**
 * Folds ffprobe's `-show_entries frame=best_effort_timestamp,width,height -of csv=p=0`
 * lines into segments of one size each. Frames without a timestamp are skipped.
 */
export function segmentsFromScan(csv: string, timeBase: [number, number]): ResolutionSegment[] {
  return segmentsFromFrames(framesFromCsv(csv), timeBase);
}

/** One decoded frame's timestamp (stream time base) and size; NaN where ffprobe gave none. */
export interface ScannedFrame {
  pts: number;
  width: number;
  height: number;
}

/** The scan's `best_effort_timestamp,width,height` CSV lines as frames. */
export function framesFromCsv(csv: string): ScannedFrame[] {
  return csv.split('\n').map((line) => {
    const [pts, width, height] = line.trim().split(',');
    return { pts: pts === '' ? NaN : Number(pts), width: Number(width), height: Number(height) };
  });
}

const numberOrNaN = (value: unknown): number => (typeof value === 'number' ? value : NaN);

const JsonFramesSchema = z.object({
  // A subtitle stream's entries come without stream_index (`{}`).
  frames: z.array(z.looseObject({ stream_index: z.unknown().optional() })).default([]),
});

/** One stream's frames from ffprobe's JSON `frames` (`stream_index,best_effort_timestamp,width,height`). */
export function framesFromJson(json: unknown, streamIndex: number): ScannedFrame[] {
  const parsed = JsonFramesSchema.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.frames
    .filter((frame) => frame.stream_index === streamIndex)
    .map((frame) => ({
      pts: numberOrNaN(frame['best_effort_timestamp']),
      width: numberOrNaN(frame['width']),
      height: numberOrNaN(frame['height']),
    }));
}

/** Folds frames, in decoding order, into segments of one size each. */
export function segmentsFromFrames(
  frames: readonly ScannedFrame[],
  timeBase: [number, number],
): ResolutionSegment[] {
  const segments: ResolutionSegment[] = [];
  let firstPts: number | null = null;
  for (const { pts, width, height } of frames) {
    if (!Number.isInteger(pts) || !(width > 0) || !(height > 0)) continue;
    firstPts ??= pts;
    const last = segments.at(-1);
    if (last !== undefined && last.width === width && last.height === height) continue;
    const startSec = Math.max(0, ((pts - firstPts) * timeBase[0]) / timeBase[1]);
    segments.push({ startPts: pts, startSec, width, height });
  }
  return segments;
}

/** The scanned frames' timestamps, sorted, as chunk start points: every one up to MAX_CUTS, else evenly spread. */
export function cutsFromFrames(frames: readonly ScannedFrame[]): number[] {
  const pts = [...new Set(frames.map((f) => f.pts).filter(Number.isInteger))].sort((a, b) => a - b);
  if (pts.length <= MAX_CUTS) return pts;
  const step = pts.length / MAX_CUTS;
  return Array.from({ length: MAX_CUTS }, (_, i) => pts[Math.floor(i * step)] ?? 0);
}

/** "3 resolutions", or null when the size never changes. */
export function resolutionBadge(scan: ResolutionScan | null | undefined): string | null {
  if (!scan) return null;
  const distinct = new Set(scan.segments.map((s) => `${s.width}x${s.height}`));
  return scan.segments.length > 1
    ? `${distinct.size} resolution${distinct.size === 1 ? '' : 's'}`
    : null;
}
