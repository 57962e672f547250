import type { MediaInfo, ProbeStream, SideData } from '../../../app/media/model';
import { parseRational, parseSeconds } from '../../../app/media/streams';
import { formatBytes } from '../../../app/util/format';
import { formatBitRate, formatClock } from '../format';

// Turns the probe model into label/value rows a person can scan. Display only.

export type Row = [label: string, value: string];

const KIND: Record<string, string> = {
  video: 'Video',
  audio: 'Audio',
  subtitle: 'Subtitles',
  data: 'Data',
  attachment: 'Attachment',
};

export function streamTitle(stream: ProbeStream): string {
  const kind =
    stream.disposition?.attached_pic === 1
      ? 'Cover art'
      : (KIND[stream.codec_type ?? ''] ?? 'Stream');
  const codec = stream.codec_name === undefined ? 'unknown codec' : stream.codec_name.toUpperCase();
  return `${kind} #${stream.index} · ${codec}${stream.profile !== undefined ? ` (${stream.profile})` : ''}`;
}

function push(rows: Row[], label: string, value: string | number | null | undefined): void {
  if (value === null || value === undefined || value === '' || value === 'unknown') return;
  rows.push([label, String(value)]);
}

function frameRate(stream: ProbeStream): string | null {
  const fps = parseRational(stream.avg_frame_rate) ?? parseRational(stream.r_frame_rate);
  if (fps === null) return null;
  const rounded = Math.round(fps * 1000) / 1000;
  return `${rounded} fps${stream.avg_frame_rate !== undefined && stream.avg_frame_rate.includes('/1001') ? ` (${stream.avg_frame_rate})` : ''}`;
}

const RANGE: Record<string, string> = { tv: 'limited range', pc: 'full range' };

function colour(stream: ProbeStream): string | null {
  const range =
    stream.color_range === undefined
      ? undefined
      : (RANGE[stream.color_range] ?? stream.color_range);
  const parts = [range, stream.color_space, stream.color_primaries, stream.color_transfer].filter(
    (p): p is string => p !== undefined && p !== 'unknown',
  );
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** HDR in words: PQ / HLG transfer plus mastering display and content light levels. */
function hdr(stream: ProbeStream): string | null {
  const transfer = stream.color_transfer;
  const kind = transfer === 'smpte2084' ? 'HDR10 (PQ)' : transfer === 'arib-std-b67' ? 'HLG' : null;
  const dovi = stream.side_data_list?.some((d) => /dovi|dolby/i.test(d.side_data_type ?? ''));
  const parts = [kind, dovi === true ? 'Dolby Vision' : null].filter(
    (p): p is string => p !== null,
  );
  return parts.length > 0 ? parts.join(' + ') : null;
}

export function sideDataText(data: SideData): string {
  const details = Object.entries(data)
    .filter(
      ([key, value]) =>
        key !== 'side_data_type' && (typeof value === 'string' || typeof value === 'number'),
    )
    .map(([key, value]) => `${key.replaceAll('_', ' ')} ${String(value).trim()}`);
  return details.length > 0 ? details.join(', ') : 'present';
}

export function streamRows(stream: ProbeStream): Row[] {
  const rows: Row[] = [];
  push(rows, 'Codec', stream.codec_long_name ?? stream.codec_name);
  if (stream.width !== undefined && stream.height !== undefined) {
    const dar =
      stream.display_aspect_ratio !== undefined && stream.display_aspect_ratio !== '0:1'
        ? `, ${stream.display_aspect_ratio}`
        : '';
    push(rows, 'Size', `${stream.width} × ${stream.height}${dar}`);
  }
  push(
    rows,
    'Pixel aspect',
    stream.sample_aspect_ratio !== '1:1' ? stream.sample_aspect_ratio : undefined,
  );
  if (stream.codec_type === 'video') push(rows, 'Frame rate', frameRate(stream));
  push(rows, 'Pixel format', stream.pix_fmt);
  push(rows, 'Colour', colour(stream));
  push(rows, 'HDR', hdr(stream));
  push(rows, 'Field order', stream.field_order !== 'progressive' ? stream.field_order : undefined);
  if (stream.sample_rate !== undefined)
    push(rows, 'Sample rate', `${Number(stream.sample_rate).toLocaleString()} Hz`);
  if (stream.channels !== undefined)
    push(
      rows,
      'Channels',
      `${stream.channels}${stream.channel_layout !== undefined ? ` (${stream.channel_layout})` : ''}`,
    );
  push(rows, 'Sample format', stream.sample_fmt);
  push(rows, 'Bit rate', formatBitRate(stream.bit_rate));
  const duration = parseSeconds(stream.duration);
  push(rows, 'Duration', duration === null ? null : formatClock(duration));
  push(rows, 'Frames', stream.nb_frames);
  push(rows, 'Language', stream.tags?.language);
  return rows;
}

/** Disposition flags that are set, as words: "default", "forced". */
export function dispositionFlags(stream: ProbeStream): string[] {
  return Object.entries(stream.disposition ?? {})
    .filter(([, value]) => value === 1)
    .map(([key]) => key.replaceAll('_', ' '));
}

export function containerRows(info: MediaInfo): Row[] {
  const rows: Row[] = [];
  push(rows, 'Format', info.format.format_long_name ?? info.format.format_name);
  push(rows, 'Duration', info.durationSec === null ? null : formatClock(info.durationSec));
  push(rows, 'File size', formatBytes(info.sizeBytes));
  push(rows, 'Overall bit rate', formatBitRate(info.format.bit_rate));
  push(rows, 'Streams', info.streams.length);
  if (info.programs.length > 0) push(rows, 'Programs', info.programs.length);
  return rows;
}

export function chapterTime(value: string | undefined): string {
  return formatClock(parseSeconds(value));
}
