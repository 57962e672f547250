import type { MediaInfo, ProbeStream } from './model';

// Small readers over the probe model, shared by argument building and the UI.

/** Parses "30000/1001" or "25" into a number, or null for "0/0" and garbage. */
export function parseRational(value: string | undefined): number | null {
  if (value === undefined) return null;
  const [num, den = '1'] = value.split('/');
  const n = Number(num);
  const d = Number(den);
  if (!Number.isFinite(n) || !Number.isFinite(d) || d === 0 || n === 0) return null;
  return n / d;
}

export function parseSeconds(value: string | undefined): number | null {
  if (value === undefined || value === 'N/A') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function isAttachedPicture(stream: ProbeStream): boolean {
  return stream.disposition?.attached_pic === 1;
}

/** Real video streams (cover art excluded). */
export function videoStreams(info: MediaInfo): ProbeStream[] {
  return info.streams.filter((s) => s.codec_type === 'video' && !isAttachedPicture(s));
}

export function audioStreams(info: MediaInfo): ProbeStream[] {
  return info.streams.filter((s) => s.codec_type === 'audio');
}

export function subtitleStreams(info: MediaInfo): ProbeStream[] {
  return info.streams.filter((s) => s.codec_type === 'subtitle');
}

/** Picks the default-flagged stream, else the first. */
export function preferredStream(streams: ProbeStream[]): ProbeStream | undefined {
  return streams.find((s) => s.disposition?.default === 1) ?? streams[0];
}

/** A track as warnings name it: `#2 (aac, fra)`. */
export function trackLabel(stream: ProbeStream): string {
  const lang = stream.tags?.language;
  return `#${stream.index} (${stream.codec_name ?? 'unknown'}${lang && lang !== 'und' ? `, ${lang}` : ''})`;
}

/** Frames per second from the probe (average, else the base rate), or null when unknown. */
export function frameRateOf(stream: ProbeStream | undefined): number | null {
  return parseRational(stream?.avg_frame_rate) ?? parseRational(stream?.r_frame_rate);
}

/** True when the container's field order marks the video interlaced. */
export function interlacedFieldOrder(stream: ProbeStream | undefined): boolean {
  return ['tt', 'bb', 'tb', 'bt'].includes(stream?.field_order ?? '');
}

/** Rotation in degrees from the display matrix side data, or 0. */
export function rotationOf(stream: ProbeStream): number {
  const matrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number');
  if (matrix?.rotation !== undefined) return matrix.rotation;
  const tag = Number(stream.tags?.rotate);
  return Number.isFinite(tag) ? tag : 0;
}

/** Subtitle codecs that are text (convertible between text formats); the rest are bitmaps. */
const TEXT_SUBTITLE_CODECS = new Set([
  'subrip',
  'srt',
  'ass',
  'ssa',
  'webvtt',
  'mov_text',
  'text',
  'tx3g',
]);
export function isTextSubtitle(stream: ProbeStream): boolean {
  return TEXT_SUBTITLE_CODECS.has(stream.codec_name ?? '');
}

export function describeStream(stream: ProbeStream): string {
  const lang = stream.tags?.language;
  const parts: string[] = [
    `#${stream.index} ${stream.codec_type ?? 'unknown'}`,
    stream.codec_name ?? '?',
  ];
  if (stream.width !== undefined && stream.height !== undefined)
    parts.push(`${stream.width}x${stream.height}`);
  const fps = frameRateOf(stream);
  // Cover art has no frame rate of its own (ffprobe reports the 90000 tick rate).
  if (isAttachedPicture(stream)) parts.push('cover art');
  else if (stream.codec_type === 'video' && fps !== null)
    parts.push(`${Math.round(fps * 100) / 100} fps`);
  if (stream.channels !== undefined) parts.push(`${stream.channels} ch`);
  if (stream.sample_rate !== undefined) parts.push(`${stream.sample_rate} Hz`);
  if (lang !== undefined && lang !== 'und') parts.push(lang);
  return parts.join(', ');
}

/**
 * Why a stream cannot be decoded or encoded, from what the probe says of it, or null
 * when it looks usable. Damaged files list phantom streams (an audio track with sample
 * rate 0, a video track with no size or codec); mapping one explicitly fails the run.
 */
export function unusableReason(stream: ProbeStream): string | null {
  const codec = stream.codec_name;
  if (codec === undefined || codec === '' || codec === 'unknown' || codec === 'none')
    return 'its codec is unknown';
  if (stream.codec_type === 'video' && !isAttachedPicture(stream)) {
    if (!(Number(stream.width) > 0) || !(Number(stream.height) > 0))
      return 'it has no picture size';
  }
  if (stream.codec_type === 'audio') {
    if (!(Number(stream.sample_rate) > 0)) return 'it has no sample rate';
    if (stream.channels !== undefined && !(stream.channels > 0)) return 'it has no channels';
  }
  return null;
}

/** The same file described with only its main video and audio: the fallback when a run fails. */
export function mainStreamsOnly(info: MediaInfo): MediaInfo {
  const usable = (streams: ProbeStream[]): ProbeStream[] =>
    streams.filter((s) => unusableReason(s) === null);
  const keep = [usable(videoStreams(info))[0], preferredStream(usable(audioStreams(info)))];
  return { ...info, streams: info.streams.filter((s) => keep.includes(s)) };
}
