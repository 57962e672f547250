import { statSync } from 'node:fs';
import { FfprobeOutputSchema, type MediaInfo } from '../app/media/model';
import { parseSeconds } from '../app/media/streams';
import { probeArgs, resolutionScanArgs } from '../app/ffmpeg/safety';
import {
  needsEveryFrameScan,
  parseTimeBase,
  segmentsFromScan,
  type ResolutionScan,
} from '../app/media/resolution';
import { videoStreams } from '../app/media/streams';
import { UserFacingError } from '../app/util/errors';
import { runProgram } from './process/run-program';
import { explainFailure } from './explain';
import type { Toolchain } from './run-steps';

/** Runs ffprobe on one file and maps its JSON to the validated MediaInfo model. */
export async function probeFile(
  tools: Toolchain,
  file: string,
  timeoutMs: number,
  signal: AbortSignal,
  scan = true,
): Promise<MediaInfo> {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory())
      throw new UserFacingError(`${file} is a folder, not a media file.`, 'not-media');
    size = stat.isFile() ? stat.size : 0;
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(
      `${file} could not be opened: it does not exist or cannot be read.`,
      'unreadable',
    );
  }

  // The keyframe scan of the first video stream starts with the probe, not after it: the
  // two ffprobe runs overlap (each is mostly process start-up). The probe then confirms it.
  const early = scan ? startScan(tools, file, 'first-video', false, timeoutMs, signal) : null;
  let info: MediaInfo;
  try {
    info = await describe(tools, file, size, timeoutMs, signal);
  } catch (error) {
    await early?.cancel();
    throw error;
  }
  info.resolution = early === null ? null : await finishScan(tools, info, early, timeoutMs, signal);
  return info;
}

/** The probe proper: ffprobe's JSON for one file, validated into MediaInfo. */
async function describe(
  tools: Toolchain,
  file: string,
  size: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<MediaInfo> {
  const access = { reads: [file], writes: [] };
  let stdout = '';
  const outcome = await runProgram({
    ...tools.sandbox.wrap(tools.ffprobe, probeArgs(file), access),
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

  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new UserFacingError(
      'FFprobe answered with something that is not JSON; the file could not be read.',
      'bad-probe',
      stdout.slice(0, 2000),
    );
  }
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
  const info: MediaInfo = {
    path: file,
    sizeBytes: size,
    durationSec: parseSeconds(format.duration),
    format,
    streams,
    chapters,
    programs,
  };
  return info;
}

interface RunningScan {
  /** The scan's CSV, or null when it could not run. */
  readonly result: Promise<string | null>;
  /** Stops it and resolves once its program is gone. */
  cancel(): Promise<void>;
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
    (outcome) => (outcome.reason === 'exit' && outcome.exitCode === 0 ? csv : null),
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
  const csv = await scan.result;
  signal.throwIfAborted();
  if (csv === null) return null;
  return {
    streamIndex: stream.index,
    method: everyFrame ? 'every-frame' : 'keyframes',
    timeBase,
    segments: segmentsFromScan(csv, timeBase),
  };
}
