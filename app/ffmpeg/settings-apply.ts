import type { JobSettings, Trim } from '../jobs/settings';
import type { Preset, VideoCodec } from '../presets/schema';

// The parts of a job's settings that change the preset itself (quality, speed, height
// limit) and the trim, which becomes input options and the duration progress counts.

const X26X = /^(ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow|placebo)$/;
/** The speed values each encoder takes (x264/x265 presets, SVT-AV1 0..13, libvpx deadlines). */
const SPEEDS: Record<VideoCodec, RegExp> = {
  libx264: X26X,
  libx265: X26X,
  libsvtav1: /^([0-9]|1[0-3])$/,
  'libvpx-vp9': /^(good|best|realtime)$/,
  libvpx: /^(good|best|realtime)$/,
};

/** A sentence when the job's speed means nothing to the preset's encoder, else null. */
export function speedProblem(preset: Preset, settings: JobSettings): string | null {
  const { video } = preset;
  const { speed } = settings;
  if (typeof video !== 'object' || speed === undefined || SPEEDS[video.codec].test(speed))
    return null;
  return `The speed "${speed}" does not apply to ${video.codec}, so the preset's speed was kept.`;
}

/** The preset with the job's CRF, speed (when the encoder takes it) and height limit in its video settings. */
export function jobPreset(preset: Preset, settings: JobSettings): Preset {
  const video = preset.video;
  if (typeof video !== 'object') return preset;
  const { crf, maxHeight } = settings;
  const speed = speedProblem(preset, settings) === null ? settings.speed : undefined;
  if (crf === undefined && speed === undefined && maxHeight === undefined) return preset;
  return {
    ...preset,
    video: {
      ...video,
      crf: crf ?? video.crf,
      ...(speed !== undefined ? { speed } : {}),
      ...(maxHeight !== undefined ? { maxHeight } : {}),
    },
  };
}

export interface TrimPlan {
  /** Input options before `-i`: with re-encoding the seek is frame-accurate (ffmpeg 5.1). */
  input: string[];
  startSec: number;
  /** The length the output will have, for progress; null when unknown. */
  durationSec: number | null;
  warnings: string[];
}

const seconds = (value: number): string => String(Math.round(value * 1e6) / 1e6);

export function trimPlan(trim: Trim | undefined, total: number | null, copy: boolean): TrimPlan {
  const start = trim?.startSec ?? 0;
  const end = trim?.endSec;
  const stop = end === undefined ? total : total === null ? end : Math.min(end, total);
  const durationSec = stop === null ? null : Math.max(0, stop - start);
  const input = [
    ...(start > 0 ? ['-ss', seconds(start)] : []),
    ...(end !== undefined ? ['-t', seconds(end - start)] : []),
  ];
  const warnings: string[] = [];
  if (total !== null && start >= total)
    warnings.push(`The trim starts at ${start} s, after the end of the file (${total} s).`);
  if (copy && start > 0)
    warnings.push(
      'The video is copied, not encoded, so the cut starts at the keyframe at or before the asked start.',
    );
  return { input, startSec: start, durationSec, warnings };
}
