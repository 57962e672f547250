import { statSync } from 'node:fs';
import { FfprobeOutputSchema, type MediaInfo } from '../app/media/model';
import { parseSeconds } from '../app/media/streams';
import { probeArgs } from '../app/ffmpeg/safety';
import { UserFacingError } from '../app/util/errors';
import { runProgram } from './process/run-program';
import { explainFailure } from './explain';

/** Runs ffprobe on one file and maps its JSON to the validated MediaInfo model. */
export async function probeFile(
  ffprobe: string,
  file: string,
  timeoutMs: number,
  signal: AbortSignal,
  env: Record<string, string>,
): Promise<MediaInfo> {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserFacingError(`${file} is a folder, not a media file.`, 'not-media');
    size = stat.isFile() ? stat.size : 0;
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`${file} could not be opened: it does not exist or cannot be read.`, 'unreadable');
  }

  let stdout = '';
  const outcome = await runProgram({
    program: ffprobe,
    args: probeArgs(file),
    stallTimeoutMs: timeoutMs,
    timeoutMs,
    signal,
    env,
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
    throw new UserFacingError('FFprobe answered with something that is not JSON; the file could not be read.', 'bad-probe', stdout.slice(0, 2000));
  }
  const parsed = FfprobeOutputSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserFacingError(`FFprobe's description of this file did not match what Framewright expects (${parsed.error.issues[0]?.message ?? 'invalid'}).`, 'bad-probe');
  }
  const { format, streams, chapters, programs } = parsed.data;
  if (format === undefined || streams.length === 0) {
    throw new UserFacingError('This file has no audio or video streams that FFmpeg can read.', 'not-media');
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
