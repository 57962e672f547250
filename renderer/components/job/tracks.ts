import type { TrackPick } from '../../../app/jobs/settings';
import type { ProbeStream } from '../../../app/media/model';

// Tracks as the panel lists them: language, codec, channels and title in one line.

export function language(stream: ProbeStream): string | null {
  const lang = stream.tags?.language;
  return lang === undefined || lang === 'und' ? null : lang;
}

export function trackLabel(stream: ProbeStream): string {
  const parts = [`#${stream.index}`, language(stream) ?? 'no language'];
  if (stream.codec_name !== undefined) parts.push(stream.codec_name.toUpperCase());
  if (stream.channels !== undefined) parts.push(`${stream.channels} ch`);
  const title = stream.tags?.title;
  if (title !== undefined && title !== '') parts.push(`“${title}”`);
  return parts.join(' · ');
}

/** The stream a pick names: by index, or the first track in that language. */
export function resolvePick(pick: TrackPick, streams: readonly ProbeStream[]): number | null {
  if ('index' in pick) return streams.some((s) => s.index === pick.index) ? pick.index : null;
  return streams.find((s) => language(s) === pick.language)?.index ?? null;
}

/** Stream indices picked, in order, from the draft's value (anything that is not a list: none). */
export function pickedIndices(value: unknown, streams: readonly ProbeStream[]): number[] {
  if (!Array.isArray(value)) return [];
  const out: number[] = [];
  for (const pick of value as TrackPick[]) {
    const index = resolvePick(pick, streams);
    if (index !== null && !out.includes(index)) out.push(index);
  }
  return out;
}
