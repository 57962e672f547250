import type { MediaInfo } from '../../app/media/model';

/** A typical input (one video, one audio track) to show a preset's command before any file is added. */
export function sampleMedia(path: string): MediaInfo {
  return {
    path,
    sizeBytes: 0,
    durationSec: 60,
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2' },
    streams: [
      { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080 },
      { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2 },
    ],
    chapters: [],
    programs: [],
  };
}
