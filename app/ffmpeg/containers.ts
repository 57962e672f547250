import type { Container } from '../presets/schema';

// What each output container carries, in one place: the audio codecs a track may be
// copied into it as is (passthrough), and the subtitles it holds (text converted to its
// own text format, bitmaps copied where it can hold them). Checked with ffmpeg 5.1's muxers.

interface Accepts {
  /** Audio codecs (ffprobe names) copied as is; 'any' for Matroska. */
  audio: ReadonlySet<string> | 'any';
  /** The encoder text subtitles are written with ('copy' keeps them), or null for none. */
  text: string | null;
  bitmap: boolean;
}

const set = (...codecs: string[]): ReadonlySet<string> => new Set(codecs);

export const CONTAINER_ACCEPTS: Record<Container, Accepts> = {
  matroska: { audio: 'any', text: 'copy', bitmap: true },
  // FLAC in MP4 is still experimental in ffmpeg 5.1 (-strict -2), so it is encoded.
  mp4: { audio: set('aac', 'mp3', 'ac3', 'eac3', 'alac', 'opus'), text: 'mov_text', bitmap: false },
  ipod: { audio: set('aac', 'alac'), text: 'mov_text', bitmap: false },
  webm: { audio: set('opus', 'vorbis'), text: 'webvtt', bitmap: false },
  mp3: { audio: set('mp3'), text: null, bitmap: false },
  ogg: { audio: set('opus', 'vorbis', 'flac'), text: null, bitmap: false },
  flac: { audio: set('flac'), text: null, bitmap: false },
};

/** True when an audio track in this codec may be copied into the container unchanged. */
export function acceptsAudio(container: Container, codec: string | undefined): boolean {
  const audio = CONTAINER_ACCEPTS[container].audio;
  return codec !== undefined && (audio === 'any' || audio.has(codec));
}
