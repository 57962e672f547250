import type { ResolutionPolicy } from '../jobs/job';
import type { Plan, Step } from '../jobs/plan';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import type { ResolutionScan } from '../media/resolution';
import { frameRateOf, parseSeconds } from '../media/streams';
import type { HardwareEncoder } from '../hardware/encoder-args';
import { hardwareVideoArgs } from '../hardware/encoder-args';
import type { Preset, VideoSettings } from '../presets/schema';
import { buildConvertPlan, outputArgs, videoCodecArgs, type Canvas } from './convert-args';
import { uprightPictureOf, uprightSize } from './picture';
import { FFMPEG_PREFIX, fileUrl } from './safety';
import { jobPreset, speedProblem } from './settings-apply';
import { shapePicture } from './settings-filters';
import { mapTracks } from './track-map';

// Inputs whose size changes mid-stream. Plain ffmpeg stretches every frame to the first
// frame's size; we either re-initialise the encoder per segment (`reinit`), or fit every
// frame into one canvas with its aspect kept (`fit`). `stretch` only when asked.

export type { ResolutionPolicy };

/**
 * `auto`: Matroska carries in-band size changes well, so each segment keeps its size.
 * MP4 and WebM players (Safari/QuickTime, TV decoders) are less forgiving, so those
 * get one canvas. Nothing to decide when the size never changes or video is copied.
 */
export function choosePolicy(
  preset: Preset,
  info: MediaInfo,
  requested: ResolutionPolicy,
): 'single' | 'reinit' | 'fit' | 'stretch' {
  if (typeof preset.video !== 'object' || (info.resolution?.segments.length ?? 0) < 2)
    return 'single';
  if (requested !== 'auto') return requested;
  return preset.container === 'matroska' ? 'reinit' : 'fit';
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

/** The largest segment's size. */
export function largestSize(scan: ResolutionScan): Canvas {
  const { width, height } = scan.segments.reduce((a, b) =>
    b.width * b.height > a.width * a.height ? b : a,
  );
  return { width, height };
}

/** The canvas for `fit`: the largest picture, scaled down to the height and width limits. */
export function fitCanvas(largest: Canvas, settings: VideoSettings, maxWidth?: number): Canvas {
  const scale = Math.min(
    1,
    (settings.maxHeight ?? Infinity) / largest.height,
    (maxWidth ?? Infinity) / largest.width,
  );
  return { width: even(largest.width * scale), height: even(largest.height * scale) };
}

const seconds = (value: number): string => value.toFixed(6);

export interface ReinitInput {
  preset: Preset;
  info: MediaInfo & { resolution: ResolutionScan };
  settings: VideoSettings;
  /** Final (temporary) output file. */
  output: string;
  /** A private folder for the segments and the concat list. */
  workDir: string;
  hardware: HardwareEncoder | null;
  /** What the job changes from the preset (trim and burn-in excepted: those jobs are fitted). */
  job?: JobSettings | undefined;
  analysis?: Analysis | null | undefined;
}

/**
 * scan (done at probe) → one encode per segment, in parallel, into intermediates →
 * a stream-copy join with the concat demuxer, audio encoded once from the source so
 * joins cause no gaps. Boundaries sit half a time-base tick before each segment's first
 * frame, so no frame is lost or duplicated; concat durations come from the source's own
 * timestamps, so variable frame rates survive.
 */
export function buildReinitPlan({
  preset,
  info,
  settings,
  output,
  workDir,
  hardware,
  job = {},
  analysis = null,
}: ReinitInput): Plan {
  const scan = info.resolution;
  const [num, den] = scan.timeBase;
  const tick = num / den;
  const formatStart = parseSeconds(info.format.start_time) ?? 0;
  const streamStart = (scan.segments[0]?.startPts ?? 0) * tick;
  const tracks = mapTracks(preset, info, job);
  const warnings = [...tracks.warnings];
  // MPEG-TS for H.264/HEVC; Matroska for codecs MPEG-TS cannot carry.
  const ts = settings.codec === 'libx264' || settings.codec === 'libx265';
  const setup = hardware === null ? [] : hardwareVideoArgs(hardware, settings).global;
  const total = info.durationSec ?? 0;
  const stream = info.streams.find((x) => x.index === scan.streamIndex);
  const sourceFps = frameRateOf(stream);
  const fps = sourceFps === null ? null : Math.min(sourceFps, job.maxFps ?? Infinity);
  const lines = ['ffconcat version 1.0'];
  const steps: Step[] = scan.segments.map((segment, i) => {
    const next = scan.segments[i + 1];
    const name = `segment-${String(i).padStart(4, '0')}.${ts ? 'ts' : 'mkv'}`;
    const file = `${workDir}/${name}`;
    // Seek near the segment (to the keyframe before it) and keep original timestamps;
    // `select` on integer timestamps then takes exactly this segment's frames.
    const seek = i === 0 ? null : (segment.startPts - 0.5) * tick - formatStart;
    const select =
      next === undefined
        ? `gte(pts\\,${segment.startPts})`
        : i === 0
          ? `lt(pts\\,${next.startPts})`
          : `gte(pts\\,${segment.startPts})*lt(pts\\,${next.startPts})`;
    const durationSec =
      next === undefined
        ? Math.max(0.001, total - (segment.startPts * tick - streamStart))
        : (next.startPts - segment.startPts) * tick;
    lines.push(`file '${name}'`);
    if (next !== undefined) lines.push(`duration ${seconds(durationSec)}`);
    // The scan's sizes are the coded ones; ffmpeg turns a rotated stream upright before -vf.
    const upright = uprightSize(stream, segment);
    const picture = { ...uprightPictureOf(stream), width: upright.width, height: upright.height };
    const shape = shapePicture(job, analysis, stream, picture);
    // Each segment shapes its picture the same way: its warnings once.
    if (i === 0) warnings.push(...shape.warnings);
    const encode = videoCodecArgs(
      {
        settings,
        hw: hardware,
        fit: null,
        picture,
        pre: [`select=${select}`, `scale=${upright.width}:${upright.height}`],
        shape,
      },
      `0:${scan.streamIndex}`,
    );
    return {
      label: `Encode ${segment.width}x${segment.height} from ${seconds(segment.startSec)} s`,
      program: 'ffmpeg',
      args: [
        ...FFMPEG_PREFIX,
        ...setup,
        ...(seek !== null ? ['-noaccurate_seek', '-ss', seconds(Math.max(0, seek))] : []),
        '-copyts',
        '-i',
        fileUrl(info.path),
        '-map',
        encode.map,
        '-an',
        '-sn',
        '-dn',
        // The explicit size pins the encoder to this segment's own size even when decoding
        // starts at an earlier keyframe of another size (VP9/AV1 change without keyframes).
        // Odd segment sizes are then cropped to what the encoder takes, like any picture.
        ...encode.args,
        // Timestamps at the source's own time base, so the join can be exact.
        '-enc_time_base',
        '-1',
        '-f',
        ts ? 'mpegts' : 'matroska',
        fileUrl(file),
      ],
      durationSec,
      weight: Math.max(0.001, durationSec),
      outputs: [file],
      group: 0,
      expectedFrames: fps === null ? null : Math.max(1, durationSec * fps),
      sourceSize: { width: segment.width, height: segment.height },
      access: { reads: [info.path], writes: [] },
      // Segments keep source timestamps (-copyts); charts count from the first frame.
      timeOffsetSec: streamStart,
    };
  });
  const list = `${workDir}/segments.ffconcat`;
  const join: Step = {
    label: 'Join segments and encode audio',
    program: 'ffmpeg',
    args: [
      ...FFMPEG_PREFIX,
      // Video started this long after the container did: keep it in sync with audio.
      '-itsoffset',
      seconds(Math.max(0, streamStart - formatStart)),
      '-f',
      'concat',
      '-i',
      fileUrl(list),
      '-i',
      fileUrl(info.path),
      ...outputArgs(
        preset,
        tracks,
        { videoRef: '0:v:0', otherInput: 1, video: ['-c:v', 'copy'] },
        output,
        { settings: job, warnings },
      ),
    ],
    durationSec: info.durationSec,
    // A stream copy plus audio: a small share of the bar.
    weight: Math.max(0.001, total * 0.1),
    outputs: [output],
    group: 1,
    expectedFrames: null,
    sourceSize: null,
    access: { reads: [info.path], writes: [] },
    timeOffsetSec: 0,
  };
  return {
    steps: [...steps, join],
    warnings: [
      ...warnings,
      `The picture size changes ${scan.segments.length - 1} time(s); each part was encoded at its own size (policy "reinit").`,
    ],
    files: [{ path: list, content: `${lines.join('\n')}\n` }],
    workDirs: [workDir],
  };
}

/** The plan for one input, honouring its resolution changes and the job's settings. */
export function buildPlanFor(input: {
  preset: Preset;
  info: MediaInfo;
  output: string;
  workDir: string;
  hardware: HardwareEncoder | null;
  policy: ResolutionPolicy;
  settings?: JobSettings | undefined;
  analysis?: Analysis | null | undefined;
}): Plan {
  const settings = input.settings ?? {};
  const plan = planWithPolicy({ ...input, preset: jobPreset(input.preset, settings), settings });
  const speed = speedProblem(input.preset, settings);
  if (speed !== null) plan.warnings.push(speed);
  return plan;
}

/** The plan for the job's preset (jobPreset), by the resolution policy it gets. */
function planWithPolicy(input: Parameters<typeof buildPlanFor>[0]): Plan {
  const { info, policy, preset, settings = {}, analysis = null } = input;
  let effective = choosePolicy(preset, info, policy);
  const notes: string[] = [];
  // Segments seek and select by source timestamps; a trim or a burn-in on top of that is
  // not exact, so such a job is fitted into one canvas instead.
  if (effective === 'reinit' && (settings.trim !== undefined || settings.subtitles?.burn)) {
    effective = 'fit';
    notes.push(
      'The picture size changes mid-stream, and a trimmed or subtitle-burning job cannot be encoded part by part, so every frame was fitted into one size instead.',
    );
  }
  if (effective === 'reinit' && typeof preset.video === 'object' && info.resolution) {
    return buildReinitPlan({
      ...input,
      preset,
      info: { ...info, resolution: info.resolution },
      settings: preset.video,
      job: settings,
      analysis,
    });
  }
  const convert = { ...input, preset, settings, analysis };
  if (effective === 'fit' && typeof preset.video === 'object' && info.resolution) {
    const stream = info.streams.find((s) => s.index === info.resolution?.streamIndex);
    const shaped = shapePicture(settings, analysis, stream, {
      ...uprightPictureOf(stream),
      ...uprightSize(stream, largestSize(info.resolution)),
    }).picture;
    const largest = { width: shaped.width ?? 2, height: shaped.height ?? 2 };
    const canvas = fitCanvas(largest, preset.video, settings.maxWidth);
    const plan = buildConvertPlan({ ...convert, fit: canvas });
    plan.warnings.push(
      ...notes,
      `The picture size changes ${info.resolution.segments.length - 1} time(s); every frame was fitted into ${canvas.width}x${canvas.height} with its shape kept (policy "fit").`,
    );
    return plan;
  }
  const plan = buildConvertPlan(convert);
  if (effective === 'stretch')
    plan.warnings.push(
      'The picture size changes mid-stream; every frame was stretched to the first size, as asked (policy "stretch").',
    );
  return plan;
}
