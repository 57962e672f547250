import type { ResolutionPolicy } from '../jobs/job';
import type { Plan, Step } from '../jobs/plan';
import type { MediaInfo } from '../media/model';
import type { ResolutionScan } from '../media/resolution';
import { parseRational, parseSeconds } from '../media/streams';
import type { HardwareEncoder } from '../hardware/encoder-args';
import { hardwareVideoArgs } from '../hardware/encoder-args';
import type { Preset, VideoSettings } from '../presets/schema';
import { buildConvertPlan, outputArgs, videoCodecArgs, type Canvas } from './convert-args';
import { pictureOf } from './picture';
import { FFMPEG_PREFIX, fileUrl } from './safety';
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

/** The canvas for `fit`: the largest segment, scaled down to the preset's maximum height. */
export function fitCanvas(scan: ResolutionScan, settings: VideoSettings): Canvas {
  const largest = scan.segments.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const limit = settings.maxHeight;
  if (limit !== undefined && largest.height > limit)
    return { width: even((largest.width * limit) / largest.height), height: even(limit) };
  return { width: even(largest.width), height: even(largest.height) };
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
}: ReinitInput): Plan {
  const scan = info.resolution;
  const [num, den] = scan.timeBase;
  const tick = num / den;
  const formatStart = parseSeconds(info.format.start_time) ?? 0;
  const streamStart = (scan.segments[0]?.startPts ?? 0) * tick;
  const tracks = mapTracks(preset, info);
  // MPEG-TS for H.264/HEVC; Matroska for codecs MPEG-TS cannot carry.
  const ts = settings.codec === 'libx264' || settings.codec === 'libx265';
  const setup = hardware === null ? [] : hardwareVideoArgs(hardware, settings).global;
  const total = info.durationSec ?? 0;
  const stream = info.streams.find((x) => x.index === scan.streamIndex);
  const fps = parseRational(stream?.avg_frame_rate) ?? parseRational(stream?.r_frame_rate);
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
        `0:${scan.streamIndex}`,
        '-an',
        '-sn',
        '-dn',
        // The explicit size pins the encoder to this segment's own size even when decoding
        // starts at an earlier keyframe of another size (VP9/AV1 change without keyframes).
        // Odd segment sizes are then cropped to what the encoder takes, like any picture.
        ...videoCodecArgs(
          settings,
          hardware,
          null,
          { ...pictureOf(stream), width: segment.width, height: segment.height },
          [`select=${select}`, `scale=${segment.width}:${segment.height}`],
        ),
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
      ...tracks.warnings,
      `The picture size changes ${scan.segments.length - 1} time(s); each part was encoded at its own size (policy "reinit").`,
    ],
    files: [{ path: list, content: `${lines.join('\n')}\n` }],
    workDirs: [workDir],
  };
}

/** The plan for one input, honouring its resolution changes. */
export function buildPlanFor(input: {
  preset: Preset;
  info: MediaInfo;
  output: string;
  workDir: string;
  hardware: HardwareEncoder | null;
  policy: ResolutionPolicy;
}): Plan {
  const { preset, info, policy } = input;
  const effective = choosePolicy(preset, info, policy);
  if (effective === 'reinit' && typeof preset.video === 'object' && info.resolution) {
    return buildReinitPlan({
      ...input,
      info: { ...info, resolution: info.resolution },
      settings: preset.video,
    });
  }
  if (effective === 'fit' && typeof preset.video === 'object' && info.resolution) {
    const canvas = fitCanvas(info.resolution, preset.video);
    const plan = buildConvertPlan({
      preset,
      info,
      output: input.output,
      hardware: input.hardware,
      fit: canvas,
    });
    plan.warnings.push(
      `The picture size changes ${info.resolution.segments.length - 1} time(s); every frame was fitted into ${canvas.width}x${canvas.height} with its shape kept (policy "fit").`,
    );
    return plan;
  }
  const plan = buildConvertPlan({ preset, info, output: input.output, hardware: input.hardware });
  if (effective === 'stretch')
    plan.warnings.push(
      'The picture size changes mid-stream; every frame was stretched to the first size, as asked (policy "stretch").',
    );
  return plan;
}
