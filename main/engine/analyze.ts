import { analysisFrom } from '../../app/media/analysis';
import type { MediaInfo } from '../../app/media/model';
import { rotationOf, videoStreams } from '../../app/media/streams';
import type { Analysis } from '../../app/jobs/settings';
import type { WorkerSupervisor } from './supervisor';

/**
 * The detected crop and interlacing of a source (for `crop: 'auto'`, `deinterlace: 'auto'`
 * and the job panel): the worker samples cropdetect and idet, app/media/analysis.ts reads
 * what they said. A source without video has nothing to find.
 */
export async function analyzeSource(
  supervisor: WorkerSupervisor,
  info: MediaInfo,
  opts: { signal?: AbortSignal; timeoutMs: number },
): Promise<Analysis> {
  // The first video track, as the analysis commands (0:V:0) and the planner take it.
  const video = videoStreams(info)[0];
  if (video?.width === undefined || video.height === undefined)
    return { crop: null, interlaced: null };
  const raw = await supervisor.request(
    'analyze',
    { path: info.path, durationSec: info.durationSec, timeoutMs: opts.timeoutMs },
    opts.signal === undefined ? {} : { signal: opts.signal },
  );
  // ffmpeg turns the picture upright before any filter: cropdetect measured it that way.
  const quarterTurn = Math.abs(rotationOf(video)) % 180 === 90;
  const frame = quarterTurn
    ? { width: video.height, height: video.width }
    : { width: video.width, height: video.height };
  return analysisFrom(raw, frame, video.field_order);
}
