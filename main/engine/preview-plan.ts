import path from 'node:path';
import { FFMPEG_PREFIX, fileUrl } from '../../app/ffmpeg/safety';
import type { HardwareEncoder } from '../../app/hardware/encoder-args';
import type { ResolutionPolicy } from '../../app/jobs/job';
import type { Plan, Step } from '../../app/jobs/plan';
import type { Analysis, JobSettings } from '../../app/jobs/settings';
import type { MediaInfo } from '../../app/media/model';
import { videoStreams } from '../../app/media/streams';
import type { Preset } from '../../app/presets/schema';
import { planOnHost } from './host-plan';

// What a preview runs: for each position the source frame ("before") and the same moment
// encoded through the job's real plan and decoded back ("after"), plus a short clip
// through the plan. Every encode is the planner's own plan with a trim; only the frame
// grabs are built here.

/** Stills, the clip's default length, and the encoded window an "after" frame comes from. */
export const DEFAULT_STILLS = 5;
export const DEFAULT_CLIP_SEC = 10;
const STILL_WINDOW_SEC = 0.5;

/** The names a preview's files have: hosts serve nothing else. */
export const PREVIEW_FILE = /^(?:(?:before|after)-\d{1,8}(?:\.\d{1,3})?\.png|clip\.[a-z0-9]{1,8})$/;

/** A position as file names carry it: seconds, at most 3 decimals ("12.5", "3.333"). */
export function timeLabel(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}

export interface PreviewInput {
  info: MediaInfo;
  preset: Preset;
  settings: JobSettings;
  analysis: Analysis | null;
  hardware: HardwareEncoder | null;
  policy: ResolutionPolicy;
  /** Where the files go (exists, writable). */
  folder: string;
  at?: readonly number[] | undefined;
  clipSec?: number | undefined;
}

export interface PreviewPlan extends Pick<Plan, 'files' | 'workDirs'> {
  steps: Step[];
  stills: { atSec: number; before: string; after: string }[];
  clip: { file: string; startSec: number; durationSec: number };
  /** The whole output's length, for the size estimate; null when unknown. */
  totalSec: number | null;
}

/** The part of the source the job keeps: [start, end], end null when the length is unknown. */
function keptRange(info: MediaInfo, settings: JobSettings): { start: number; end: number | null } {
  const start = settings.trim?.startSec ?? 0;
  const total = info.durationSec;
  const end = settings.trim?.endSec ?? total;
  return { start, end: end === null ? null : Math.min(end, total ?? end) };
}

/** Default still positions: evenly inside the kept range, never its very start or end. */
export function stillPositions(
  start: number,
  end: number | null,
  count = DEFAULT_STILLS,
): number[] {
  if (end === null || end <= start) return [start];
  return Array.from({ length: count }, (_, i) => start + ((i + 1) * (end - start)) / (count + 1));
}

interface Grab {
  label: string;
  input: string;
  atSec: number;
  png: string;
  folder: string;
  group: number;
  /** Apply the display aspect (square pixels), as the source is shown. */
  square: boolean;
}

/** The frame at `atSec` of `input` as a PNG. */
function frameGrab({ label, input, atSec, png, folder, group, square }: Grab): Step {
  return {
    label,
    program: 'ffmpeg',
    args: [
      ...FFMPEG_PREFIX,
      ...(atSec > 0 ? ['-ss', timeLabel(atSec)] : []),
      '-i',
      fileUrl(input),
      ...['-map', '0:V:0', '-frames:v', '1'],
      ...(square ? ['-vf', 'scale=round(iw*sar):ih,setsar=1'] : []),
      ...['-c:v', 'png', '-update', '1', '-f', 'image2', fileUrl(png)],
    ],
    durationSec: null,
    weight: 1,
    outputs: [png],
    expectedFrames: null,
    sourceSize: null,
    timeOffsetSec: 0,
    access: { reads: [input], writes: [folder] },
    group,
  };
}

/** The plan's steps for one trimmed piece of the job, written to `file`. */
function trimmedPlan(input: PreviewInput, settings: JobSettings, file: string): Plan {
  return planOnHost({
    info: input.info,
    preset: input.preset,
    hardware: input.hardware,
    policy: input.policy,
    settings,
    analysis: input.analysis,
    output: { final: file, temp: file },
  });
}

export function planPreview(input: PreviewInput): PreviewPlan {
  const { info, preset, settings, folder } = input;
  const { start, end } = keptRange(info, settings);
  const ext = preset.extension;
  const steps: Step[] = [];
  const files: Plan['files'] = [];
  const workDirs: string[] = [];
  const add = (plan: Plan): void => {
    steps.push(...plan.steps);
    files.push(...plan.files);
    workDirs.push(...plan.workDirs);
  };

  const stills: PreviewPlan['stills'] = [];
  const hasPicture = typeof preset.video === 'object' || preset.video === 'copy';
  if (hasPicture && videoStreams(info).length > 0) {
    const grabs: { encoded: string; atSec: number; after: string }[] = [];
    const positions = input.at ?? stillPositions(start, end);
    // One pair per distinct name: positions that round alike are one position.
    const distinct = positions.filter(
      (t, i) => positions.findIndex((u) => timeLabel(u) === timeLabel(t)) === i,
    );
    for (const atSec of distinct) {
      const label = timeLabel(atSec);
      const before = `before-${label}.png`;
      const after = `after-${label}.png`;
      const encoded = path.join(folder, `.after-${label}${ext}`);
      // The frame alone: no audio or subtitle tracks (a burn-in stays), no chapters.
      const only = {
        ...settings,
        audio: { tracks: 'none' as const },
        subtitles: settings.subtitles?.burn
          ? { keep: 'none' as const, burn: settings.subtitles.burn }
          : { keep: 'none' as const },
        chapters: false,
        trim: { startSec: atSec, endSec: atSec + STILL_WINDOW_SEC },
      };
      add(trimmedPlan(input, only, encoded));
      steps.push(
        frameGrab({
          label: `Before ${label} s`,
          input: info.path,
          atSec,
          png: path.join(folder, before),
          folder,
          group: 0,
          square: true,
        }),
      );
      grabs.push({ encoded, atSec, after: path.join(folder, after) });
      stills.push({ atSec, before, after });
    }
    // Decoding the "after" frames waits for every encode of the plans (their last group).
    const next = Math.max(...steps.map((s) => s.group)) + 1;
    for (const grab of grabs)
      steps.push(
        frameGrab({
          label: `After ${timeLabel(grab.atSec)} s`,
          input: grab.encoded,
          atSec: 0,
          png: grab.after,
          folder,
          group: next,
          square: false,
        }),
      );
  }

  const wanted = input.clipSec ?? DEFAULT_CLIP_SEC;
  const room = end === null ? wanted : Math.max(0, end - start);
  const durationSec = Math.min(wanted, room);
  const from = input.at?.[0] ?? (end === null ? start : start + (end - start - durationSec) / 2);
  const startSec = Math.max(start, end === null ? from : Math.min(from, end - durationSec));
  const clip = `clip${ext}`;
  add(
    trimmedPlan(
      input,
      { ...settings, trim: { startSec, endSec: startSec + durationSec } },
      path.join(folder, clip),
    ),
  );
  return {
    steps,
    files,
    workDirs,
    stills,
    clip: { file: clip, startSec, durationSec },
    totalSec: end === null ? null : Math.max(0, end - start),
  };
}
