import { z } from 'zod';
import type { MediaInfo } from '../media/model';

/**
 * Per-frame statistics of one job, batched (about every 100 ms) into compact parallel
 * arrays: index i of every array describes the same encoded frame. Never one message
 * per frame (docs/ARCHITECTURE.md, Rule 9).
 */
export const FrameStatsBatchSchema = z.object({
  /** Which step of the plan encoded these frames (segments of a reinit run differ). */
  stepIndex: z.number().int().nonnegative(),
  /** Frame number within the step, as ffmpeg counts (from 0). */
  frame: z.array(z.number().int().nonnegative()),
  /** Output timestamp in seconds (source time for reinit segments). */
  timeSec: z.array(z.number()),
  /** Picture type per frame, one letter each (I, P, B; rarely S, i, p, b): "IPPB…". */
  pictureTypes: z.string(),
  /** Encoded size in bytes. */
  sizeBytes: z.array(z.number().int().nonnegative()),
  /** Quantiser the encoder reported. */
  qp: z.array(z.number()),
  /** Source picture size of each frame (from the resolution scan). */
  width: z.array(z.number().int().nonnegative()),
  height: z.array(z.number().int().nonnegative()),
});
export type FrameStatsBatch = z.infer<typeof FrameStatsBatchSchema>;

export const FrameStatsEventSchema = FrameStatsBatchSchema.extend({ id: z.string() });
export type FrameStatsEvent = z.infer<typeof FrameStatsEventSchema>;

/**
 * Fills in each frame's source size and puts its time on one clock from the first
 * frame: a reinit segment step is one size, exactly;
 * otherwise the output starts at zero and the segment is found by the frame's time,
 * which ffmpeg's vstats reports after encoder delay (a frame or two late at a change).
 */
export function withSourceSizes(
  raw: FrameStatsBatch,
  info: MediaInfo,
  step: { sourceSize: { width: number; height: number } | null; timeOffsetSec: number } | undefined,
): FrameStatsBatch {
  const stepSize = step?.sourceSize ?? null;
  const offset = step?.timeOffsetSec ?? 0;
  // Every step counts from the first frame (reinit segments keep source timestamps).
  const batch =
    offset === 0 ? raw : { ...raw, timeSec: raw.timeSec.map((t) => Math.max(0, t - offset)) };
  const segments = info.resolution?.segments ?? [];
  const video = info.streams.find(
    (s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1,
  );
  const fallback = { width: video?.width ?? 0, height: video?.height ?? 0 };
  const sizeAt = (t: number): { width: number; height: number } => {
    if (stepSize !== null) return stepSize;
    let found = segments[0] ?? fallback;
    for (const segment of segments) if (segment.startSec <= t + 1e-6) found = segment;
    return found;
  };
  const sizes = batch.timeSec.map(sizeAt);
  return { ...batch, width: sizes.map((s) => s.width), height: sizes.map((s) => s.height) };
}
