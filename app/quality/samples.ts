import type { Trim } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import { parseSeconds, videoStreams } from '../media/streams';

// Where the CRF search samples a file: a few short windows spread evenly over the part
// the job encodes (its trim), or that whole part when it is short.

export interface Sample {
  startSec: number;
  durationSec: number;
}

/** A part this short (seconds) is sampled whole. */
const WHOLE_UNDER_SEC = 6;

/** How many samples, and how long, for a part of this length. */
function shape(lengthSec: number): { count: number; seconds: number } {
  if (lengthSec < 120) return { count: 2, seconds: 2 };
  if (lengthSec < 600) return { count: 3, seconds: 3 };
  if (lengthSec < 3600) return { count: 4, seconds: 4 };
  return { count: 5, seconds: 4 };
}

/** The encoded part of the source: [start, end) after the trim, or null when its length is unknown. */
export function encodedPart(
  durationSec: number | null,
  trim: Trim | undefined,
): { startSec: number; endSec: number } | null {
  const startSec = trim?.startSec ?? 0;
  const ends = [trim?.endSec, durationSec ?? undefined].filter((e) => e !== undefined);
  if (ends.length === 0) return null;
  const endSec = Math.min(...ends);
  return endSec > startSec ? { startSec, endSec } : null;
}

/**
 * The samples for a source of this duration and trim, in order. A source of unknown length
 * gets one sample from the start.
 */
export function pickSamples(durationSec: number | null, trim: Trim | undefined): Sample[] {
  const part = encodedPart(durationSec, trim);
  if (part === null)
    return [{ startSec: trim?.startSec ?? 0, durationSec: shape(0).seconds * shape(0).count }];
  const length = part.endSec - part.startSec;
  if (length < WHOLE_UNDER_SEC) return [{ startSec: part.startSec, durationSec: length }];
  const { count, seconds } = shape(length);
  // Centres at 1/(n+1), 2/(n+1), … of the part, so neither end is favoured.
  return Array.from({ length: count }, (_, i) => {
    const centre = part.startSec + (length * (i + 1)) / (count + 1);
    const startSec = Math.min(part.endSec - seconds, Math.max(part.startSec, centre - seconds / 2));
    return { startSec: Math.round(startSec * 1000) / 1000, durationSec: seconds };
  });
}

/**
 * The samples moved onto the nearest keyframe (seconds from the start, in order) that keeps
 * them within the part, apart and near where they were picked (half the gap between samples):
 * a sample that starts on a keyframe is read without decoding the frames before it, at every
 * trial and every measuring. A sample with no such keyframe stays where it was.
 */
export function onKeyframes(
  samples: readonly Sample[],
  keyframesSec: readonly number[],
  part: { startSec: number; endSec: number },
): Sample[] {
  const reach = (part.endSec - part.startSec) / (2 * (samples.length + 1));
  let free = part.startSec;
  return samples.map((sample) => {
    const fits = keyframesSec.filter(
      (k) =>
        k >= free &&
        k + sample.durationSec <= part.endSec &&
        Math.abs(k - sample.startSec) <= reach,
    );
    const nearest = fits.reduce<number | null>(
      (best, k) =>
        best === null || Math.abs(k - sample.startSec) < Math.abs(best - sample.startSec)
          ? k
          : best,
      null,
    );
    const startSec = nearest ?? sample.startSec;
    free = startSec + sample.durationSec;
    return { startSec, durationSec: sample.durationSec };
  });
}

/**
 * The first video stream's keyframes in seconds from the file's start (as `-ss` counts), from
 * the probe's keyframe scan; empty without one (or with an every-frame scan).
 */
export function keyframeTimes(info: MediaInfo): number[] {
  const scan = info.resolution;
  const video = videoStreams(info)[0];
  if (scan == null || scan.method !== 'keyframes' || scan.streamIndex !== video?.index) return [];
  const tick = scan.timeBase[0] / scan.timeBase[1];
  const start = parseSeconds(info.format.start_time) ?? 0;
  return (scan.cuts ?? []).map((pts) => Math.round((pts * tick - start) * 1e6) / 1e6);
}
