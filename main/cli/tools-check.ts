import type { Engine } from '../engine/engine';
import { InitError } from './usage';

/**
 * Refuses to start work when ffmpeg or ffprobe cannot be run here (exit 4), rather
 * than failing every job with the same reason.
 */
export async function requireTools(engine: Engine): Promise<void> {
  const report = await engine.system.doctor();
  const missing = [report.ffmpeg === null ? 'ffmpeg' : '', report.ffprobe === null ? 'ffprobe' : '']
    .filter(Boolean)
    .join(' or ');
  if (missing !== '')
    throw new InitError(
      `No working ${missing} was found: install FFmpeg (Debian: apt-get install ffmpeg), or name the programs with FFMPEG_PATH and FFPROBE_PATH.`,
    );
}
