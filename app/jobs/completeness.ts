import { z } from 'zod';
import type { MediaInfo } from '../media/model';
import { audioStreams, parseSeconds, preferredStream, videoStreams } from '../media/streams';
import { formatClock } from '../util/clock';
import type { Step } from './plan';

// A source that ends before the length its container declares converts "successfully":
// ffmpeg stops at the end of the data and exits 0. This compares what each step really
// produced with what the source and the plan declare.

/** What one step really wrote, from its last progress block. */
export const ProducedSchema = z.object({
  outTimeSec: z.number().nonnegative(),
  frames: z.number().int().nonnegative(),
});
export type Produced = z.infer<typeof ProducedSchema>;

export interface Shortfall {
  convertedSec: number;
  declaredSec: number;
}

/** Shorter than declared by more than this is a shortfall: max(1 s, 2%). */
export function tolerance(declaredSec: number): number {
  return Math.max(1, declaredSec * 0.02);
}

const positive = (n: number | null | undefined): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0;

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The converted and declared lengths when the output falls short, else null. `steps` and
 * `produced` are parallel (a null entry: the step reported nothing). A source whose length
 * is unknown is never short; `audioOnly` says the output carries no video.
 */
export function findShortfall(input: {
  info: MediaInfo;
  steps: readonly Step[];
  produced: readonly (Produced | null)[];
  audioOnly: boolean;
}): Shortfall | null {
  const { info, steps, produced, audioOnly } = input;
  const lastGroup = Math.max(...steps.map((s) => s.group));
  const finals = steps.flatMap((step, i) => (step.group === lastGroup ? [{ step, i }] : []));
  const video = audioOnly ? undefined : preferredStream(videoStreams(info));
  const audio = preferredStream(audioStreams(info));
  // What the plan means to write (a trim shortens it); an audio-only output of a file
  // whose video runs longer is measured against the audio.
  const planned = Math.max(0, ...finals.map(({ step }) => step.durationSec ?? 0));
  const streamSec = parseSeconds((video ?? audio)?.duration);
  const declaredSec =
    planned > 0 && audioOnly && positive(streamSec)
      ? Math.min(planned, streamSec)
      : planned || (streamSec ?? 0);
  if (!positive(declaredSec)) return null;

  const estimates: number[] = [];
  const byTime = finals.flatMap(({ step, i }) => {
    const p = produced[i];
    return p ? [p.outTimeSec - step.timeOffsetSec] : [];
  });
  if (byTime.length > 0) estimates.push(Math.max(...byTime));
  // Frames: segment steps declare how many they expect; a plain run uses the video
  // stream's own count, scaled to the planned length.
  const counted = steps.flatMap((step, i) =>
    positive(step.expectedFrames) && produced[i]
      ? [{ want: step.expectedFrames, got: produced[i].frames }]
      : [],
  );
  const nbFrames = Number(video?.nb_frames);
  const videoSec = parseSeconds(video?.duration) ?? info.durationSec;
  const finalFrames = sum(finals.map(({ i }) => produced[i]?.frames ?? 0));
  if (counted.length > 0) {
    estimates.push(
      (declaredSec * sum(counted.map((c) => c.got))) / sum(counted.map((c) => c.want)),
    );
  } else if (positive(nbFrames) && positive(videoSec) && finalFrames > 0) {
    const want = nbFrames * Math.min(1, declaredSec / videoSec);
    estimates.push(declaredSec * Math.min(1, finalFrames / want));
  }
  if (estimates.length === 0) return null;
  const convertedSec = Math.max(0, Math.min(...estimates));
  return declaredSec - convertedSec > tolerance(declaredSec) ? { convertedSec, declaredSec } : null;
}

/** "The source is incomplete: converted 0:02 of 0:04." */
export function shortfallMessage({ convertedSec, declaredSec }: Shortfall): string {
  return `The source is incomplete: converted ${formatClock(convertedSec)} of ${formatClock(declaredSec)}.`;
}
