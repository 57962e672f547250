import { statSync } from 'node:fs';
import { FfprobeOutputSchema, type MediaInfo } from '../app/media/model';
import { parseSeconds } from '../app/media/streams';
import { probeArgs, resolutionScanArgs } from '../app/ffmpeg/safety';
import {
  cutsFromFrames,
  framesFromCsv,
  framesFromJson,
  needsEveryFrameScan,
  parseTimeBase,
  segmentsFromFrames,
  type ResolutionScan,
  type ScannedFrame,
} from '../app/media/resolution';
import { videoStreams } from '../app/media/streams';
import { UserFacingError } from '../app/util/errors';
import { runProgram } from './process/run-program';
import { explainFailure } from './explain';
import type { Toolchain } from './run-steps';

/**
 * Up to this size the probe and the keyframe scan are one ffprobe run: that run also reads
 * every audio frame, which costs less than starting a second program (measured with
 * Debian's ffprobe 5.1: one run 0.17 s of CPU against 0.31 s for two on a 30 s file, 0.21
 * against 0.30 on 100 s, equal at about 5 minutes; a static build starts faster).
 */
const ONE_RUN_MAX_BYTES = 16 * 1024 * 1024;
const ONE_RUN_FRAMES = 'frame=stream_index,best_effort_timestamp,width,height';

/** Size and modification time of a file that can be probed; a sentence when it cannot. */
function statInput(file: string): { size: number; mtimeMs: number } {
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      throw new UserFacingError(`${file} is a folder, not a media file.`, 'not-media');
    return { size: stat.isFile() ? stat.size : 0, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(
      `${file} could not be opened: it does not exist or cannot be read.`,
      'unreadable',
    );
  }
}

/** Runs ffprobe on one file and maps its JSON to the validated MediaInfo model. */
export async function probeFile(
  tools: Toolchain,
  file: string,
  timeoutMs: number,
  signal: AbortSignal,
  scan = true,
): Promise<MediaInfo> {
  const { size, mtimeMs } = statInput(file);
  const small = scan && size > 0 && size <= ONE_RUN_MAX_BYTES;
  const info = small
    ? await probeInOneRun(tools, file, size, timeoutMs, signal)
    : await probeAndScan(tools, file, size, timeoutMs, signal, scan);
  info.mtimeMs = mtimeMs;
  return info;
}

/** The probe and the keyframe scan in one ffprobe run. */
async function probeInOneRun(
  tools: Toolchain,
  file: string,
  size: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<MediaInfo> {
  const args = probeArgs(file);
  // Keyframes of video streams only; the source URL stays last.
  args.splice(-1, 0, '-skip_frame:v', 'nokey', '-show_entries', ONE_RUN_FRAMES);
  let json: unknown;
  try {
    json = await ffprobeJson(tools, args, file, timeoutMs, signal);
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof UserFacingError && error.code === 'bad-probe') throw error;
    // Reading every packet failed: the plain probe alone, and no scan (it would fail the same way).
    const info = await probeAndScan(tools, file, size, timeoutMs, signal, false);
    info.resolution = null;
    return info;
  }
  const info = mediaInfo(json, file, size);
  const index = videoStreams(info)[0]?.index;
  const frames = index === undefined ? [] : framesFromJson(json, index);
  info.resolution = await finishScan(tools, info, settled(frames), timeoutMs, signal);
  return info;
}

/** The probe with the keyframe scan beside it (two ffprobe runs at once), or without one. */
async function probeAndScan(
  tools: Toolchain,
  file: string,
  size: number,
  timeoutMs: number,
  signal: AbortSignal,
  scan: boolean,
): Promise<MediaInfo> {
  // The keyframe scan of the first video stream starts with the probe, not after it: the
  // two ffprobe runs overlap (each is mostly process start-up). The probe then confirms it.
  const early = scan ? startScan(tools, file, 'first-video', false, timeoutMs, signal) : null;
  let info: MediaInfo;
  try {
    info = mediaInfo(
      await ffprobeJson(tools, probeArgs(file), file, timeoutMs, signal),
      file,
      size,
    );
  } catch (error) {
    await early?.cancel();
    throw error;
  }
  if (early !== null) info.resolution = await finishScan(tools, info, early, timeoutMs, signal);
  return info;
}

/** Runs one ffprobe that prints JSON and parses it; its failure explained in a sentence. */
async function ffprobeJson(
  tools: Toolchain,
  args: string[],
  file: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<unknown> {
  let stdout = '';
  const outcome = await runProgram({
    ...tools.sandbox.wrap(tools.ffprobe, args, { reads: [file], writes: [] }),
    stallTimeoutMs: timeoutMs,
    timeoutMs,
    signal,
    env: tools.env,
    onStdout: (chunk) => {
      stdout += chunk;
    },
  });
  if (outcome.reason !== 'exit' || outcome.exitCode !== 0) {
    throw explainFailure('probe', outcome, timeoutMs);
  }
  try {
    return JSON.parse(stdout);
  } catch {
    throw new UserFacingError(
      'FFprobe answered with something that is not JSON; the file could not be read.',
      'bad-probe',
      stdout.slice(0, 2000),
    );
  }
}

/** ffprobe's JSON for one file, validated into MediaInfo. */
function mediaInfo(json: unknown, file: string, size: number): MediaInfo {
  const parsed = FfprobeOutputSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserFacingError(
      `FFprobe's description of this file did not match what Framewright expects (${parsed.error.issues[0]?.message ?? 'invalid'}).`,
      'bad-probe',
    );
  }
  const { format, streams, chapters, programs } = parsed.data;
  if (format === undefined || streams.length === 0) {
    throw new UserFacingError(
      'This file has no audio or video streams that FFmpeg can read.',
      'not-media',
    );
  }
  return {
    path: file,
    sizeBytes: size,
    durationSec: parseSeconds(format.duration),
    format,
    streams,
    chapters,
    programs,
  };
}

interface RunningScan {
  /** The scanned frames, or null when the scan could not run. */
  readonly result: Promise<ScannedFrame[] | null>;
  /** Stops it and resolves once its program is gone. */
  cancel(): Promise<void>;
}

/** A scan whose frames are already known (read by the probe's own run). */
function settled(frames: ScannedFrame[]): RunningScan {
  return { result: Promise.resolve(frames), cancel: () => Promise.resolve() };
}

/** Starts one resolution scan ffprobe; cancel() stops it (its result is then ignored). */
function startScan(
  tools: Toolchain,
  file: string,
  stream: number | 'first-video',
  everyFrame: boolean,
  stallMs: number,
  signal: AbortSignal,
): RunningScan {
  const own = new AbortController();
  let csv = '';
  const result = runProgram({
    ...tools.sandbox.wrap(tools.ffprobe, resolutionScanArgs(file, stream, everyFrame), {
      reads: [file],
      writes: [],
    }),
    stallTimeoutMs: stallMs,
    signal: AbortSignal.any([signal, own.signal]),
    env: tools.env,
    onStdout: (chunk) => {
      csv += chunk;
    },
  }).then(
    (outcome) => (outcome.reason === 'exit' && outcome.exitCode === 0 ? framesFromCsv(csv) : null),
    () => null,
  );
  return {
    result,
    cancel: async () => {
      own.abort();
      await result;
    },
  };
}

/**
 * Finds where the main video stream changes size. Keyframes only (about 1/24 of a full
 * decode) unless the codec may change size on any frame, in which case the early keyframe
 * scan is dropped and every frame is read. Null when there is no video or the scan could
 * not run; the conversion then treats the size as constant.
 */
async function finishScan(
  tools: Toolchain,
  info: MediaInfo,
  early: RunningScan,
  stallMs: number,
  signal: AbortSignal,
): Promise<ResolutionScan | null> {
  const stream = videoStreams(info)[0];
  const timeBase = parseTimeBase(stream?.time_base);
  if (stream === undefined || timeBase === null) {
    await early.cancel();
    return null;
  }
  const everyFrame = needsEveryFrameScan(stream.codec_name);
  let scan = early;
  if (everyFrame) {
    await early.cancel();
    scan = startScan(tools, info.path, stream.index, true, stallMs, signal);
  }
  const frames = await scan.result;
  signal.throwIfAborted();
  if (frames === null) return null;
  return {
    streamIndex: stream.index,
    method: everyFrame ? 'every-frame' : 'keyframes',
    timeBase,
    segments: segmentsFromFrames(frames, timeBase),
    cuts: cutsFromFrames(frames),
  };
}
