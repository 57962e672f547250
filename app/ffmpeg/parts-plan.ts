import type { Plan, Step } from '../jobs/plan';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo, ProbeStream } from '../media/model';
import type { ResolutionScan } from '../media/resolution';
import { frameRateOf, parseSeconds } from '../media/streams';
import type { HardwareEncoder } from '../hardware/encoder-args';
import { hardwareVideoArgs } from '../hardware/encoder-args';
import type { Preset, VideoSettings } from '../presets/schema';
import { outputArgs, videoCodecArgs } from './convert-args';
import { uprightPictureOf, uprightSize } from './picture';
import { FFMPEG_PREFIX, fileUrl } from './safety';
import { shapePicture } from './settings-filters';
import { mapTracks } from './track-map';

// One video encoded part by part, in parallel, then joined by stream copy: the parts of a
// size-changing stream (reinit) and the chunks of a long file share this pipeline.

export interface PartsInput {
  preset: Preset;
  info: MediaInfo & { resolution: ResolutionScan };
  settings: VideoSettings;
  /** Final (temporary) output file. */
  output: string;
  /** A private folder for the parts and the concat list. */
  workDir: string;
  hardware: HardwareEncoder | null;
  /** What the job changes from the preset (never a trim or a burn-in: parts select by source timestamps). */
  job?: JobSettings | undefined;
  analysis?: Analysis | null | undefined;
}

/** One part: the frames from its first timestamp up to the next part's. */
export interface Part {
  /** First frame's timestamp, in stream time-base units. */
  startPts: number;
  startSec: number;
  /** The source's coded size in this part; reinit parts are scaled to exactly it. */
  width: number;
  height: number;
}

const seconds = (value: number): string => value.toFixed(6);

/**
 * Frames per second for frame-counted progress: the stream's own count over its length,
 * else its declared rate; null when unknown or implausible (a variable-rate stream may
 * declare its time base, 1000 fps, as its rate).
 */
function averageFps(stream: ProbeStream | undefined, totalSec: number): number | null {
  const counted = Number(stream?.nb_frames) / (parseSeconds(stream?.duration) ?? totalSec);
  if (Number.isFinite(counted) && counted > 0) return counted;
  const rate = frameRateOf(stream);
  return rate !== null && rate <= 300 ? rate : null;
}

/**
 * parts → one encode each, in parallel, into intermediates → a stream-copy join with the
 * concat demuxer, audio encoded once from the source so joins cause no gaps. Each part
 * seeks to the keyframe before it and keeps source timestamps; `select` on integer
 * timestamps then takes exactly its frames, so none is lost or duplicated. Concat
 * durations come from the source's own timestamps, so variable frame rates survive.
 * `pinSize` scales each part to its own size (reinit); otherwise every part shapes the
 * picture exactly as one pass would.
 */
export function buildPartsPlan(
  { preset, info, settings, output, workDir, hardware, job = {}, analysis = null }: PartsInput,
  parts: readonly Part[],
  kind: { noun: 'segment' | 'chunk'; pinSize: boolean },
): Plan {
  const scan = info.resolution;
  const [num, den] = scan.timeBase;
  const tick = num / den;
  const formatStart = parseSeconds(info.format.start_time) ?? 0;
  const streamStart = (parts[0]?.startPts ?? 0) * tick;
  const tracks = mapTracks(preset, info, job);
  const warnings = [...tracks.warnings];
  // MPEG-TS for H.264/HEVC; Matroska for codecs MPEG-TS cannot carry.
  const ts = settings.codec === 'libx264' || settings.codec === 'libx265';
  const setup = hardware === null ? [] : hardwareVideoArgs(hardware, settings).global;
  const total = info.durationSec ?? 0;
  const stream = info.streams.find((x) => x.index === scan.streamIndex);
  const sourceFps = averageFps(stream, total);
  const fps = sourceFps === null ? null : Math.min(sourceFps, job.maxFps ?? Infinity);
  const lines = ['ffconcat version 1.0'];
  const steps: Step[] = parts.map((part, i) => {
    const next = parts[i + 1];
    const name = `${kind.noun}-${String(i).padStart(4, '0')}.${ts ? 'ts' : 'mkv'}`;
    const file = `${workDir}/${name}`;
    // Seek near the part (to the keyframe before it) and keep original timestamps;
    // `select` on integer timestamps then takes exactly this part's frames.
    const seek = i === 0 ? null : (part.startPts - 0.5) * tick - formatStart;
    const select =
      next === undefined
        ? `gte(pts\\,${part.startPts})`
        : i === 0
          ? `lt(pts\\,${next.startPts})`
          : `gte(pts\\,${part.startPts})*lt(pts\\,${next.startPts})`;
    const durationSec =
      next === undefined
        ? Math.max(0.001, total - (part.startPts * tick - streamStart))
        : (next.startPts - part.startPts) * tick;
    lines.push(`file '${name}'`);
    if (next !== undefined) lines.push(`duration ${seconds(durationSec)}`);
    // The scan's sizes are the coded ones; ffmpeg turns a rotated stream upright before -vf.
    const upright = uprightSize(stream, part);
    const picture = kind.pinSize
      ? { ...uprightPictureOf(stream), width: upright.width, height: upright.height }
      : uprightPictureOf(stream);
    const shape = shapePicture(job, analysis, stream, picture);
    // Each part shapes its picture the same way: its warnings once.
    if (i === 0) warnings.push(...shape.warnings);
    const pre = [`select=${select}`];
    if (kind.pinSize) pre.push(`scale=${upright.width}:${upright.height}`);
    const encode = videoCodecArgs(
      { settings, hw: hardware, fit: null, picture, pre, shape },
      `0:${scan.streamIndex}`,
    );
    return {
      label: kind.pinSize
        ? `Encode ${part.width}x${part.height} from ${seconds(part.startSec)} s`
        : `Encode chunk ${i + 1} of ${parts.length} from ${seconds(part.startSec)} s`,
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
        // A pinned size holds the encoder to this part's own size even when decoding starts
        // at an earlier keyframe of another size (VP9/AV1 change without keyframes). Odd
        // sizes are then cropped to what the encoder takes, like any picture.
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
      sourceSize: kind.pinSize ? { width: part.width, height: part.height } : null,
      access: { reads: [info.path], writes: [] },
      // Parts keep source timestamps (-copyts); charts count from the first frame.
      timeOffsetSec: streamStart,
    };
  });
  const list = `${workDir}/${kind.noun}s.ffconcat`;
  const join: Step = {
    label: `Join ${kind.noun}s and encode audio`,
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
    warnings,
    files: [{ path: list, content: `${lines.join('\n')}\n` }],
    workDirs: [workDir],
  };
}
