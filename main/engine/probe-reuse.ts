import { stat } from 'node:fs/promises';
import type { MediaInfo } from '../../app/media/model';

/**
 * A probe taken earlier (the Inspector's, a badge's, a previous try's) serves again when the
 * file is unchanged: the same size and modification time, read with one stat. When the run
 * needs where the picture size changes, the probe must have scanned for it.
 */
export async function reusableProbe(
  cached: MediaInfo | undefined,
  file: string,
  needsScan: boolean,
): Promise<MediaInfo | null> {
  if (cached?.mtimeMs === undefined || (needsScan && cached.resolution === undefined)) return null;
  try {
    const now = await stat(file);
    return now.isFile() && now.size === cached.sizeBytes && now.mtimeMs === cached.mtimeMs
      ? cached
      : null;
  } catch {
    return null;
  }
}
