import { stat } from 'node:fs/promises';
import type { MediaInfo } from '../../app/media/model';
import type { Preset } from '../../app/presets/schema';
import type { WorkerParams } from '../../app/worker/protocol';

export type ProbeRequest = WorkerParams<'probe'>;

/** What a job's run asks the worker to probe; a probe taken ahead of the run asks the same. */
export function probeRequest(input: string, preset: Preset, timeoutMs: number): ProbeRequest {
  // Size changes matter only when video is encoded (not for remux or audio-only).
  return { path: input, timeoutMs, scanResolution: typeof preset.video === 'object' };
}

/**
 * A probe taken earlier (the Inspector's, a badge's, a previous try's) serves again when the
 * file is unchanged: the same size and modification time, read with one stat. When the run
 * needs where the picture size changes, the probe must have scanned for it.
 */
export async function reusableProbe(
  cached: MediaInfo | undefined,
  file: string,
  needsScan: boolean,
  /** Chunks are asked for: a probe saved before scans kept keyframes must scan again. */
  needsCuts = false,
): Promise<MediaInfo | null> {
  if (cached?.mtimeMs === undefined || (needsScan && cached.resolution === undefined)) return null;
  if (needsScan && needsCuts && cached.resolution != null && cached.resolution.cuts === undefined)
    return null;
  try {
    const now = await stat(file);
    return now.isFile() && now.size === cached.sizeBytes && now.mtimeMs === cached.mtimeMs
      ? cached
      : null;
  } catch {
    return null;
  }
}
