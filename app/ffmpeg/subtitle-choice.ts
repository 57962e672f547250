import type { SubtitleChoice } from '../jobs/settings';
import type { MediaInfo, ProbeStream } from '../media/model';
import { isTextSubtitle, subtitleStreams } from '../media/streams';
import type { Preset } from '../presets/schema';
import { describePick, findPick } from './audio-choice';
import type { ChainItem } from './filter-chain';
import { fileUrl } from './safety';

// The subtitle tracks one job keeps (all, none, forced only, or languages in order) and
// the one it burns into the picture: text through libass (the `subtitles` filter), a
// bitmap through `overlay` in a complex filter graph.

export interface SubtitlePick {
  /** Kept as tracks, in order. */
  keep: ProbeStream[];
  burn: ProbeStream | null;
}

function kept(
  preset: Preset,
  all: readonly ProbeStream[],
  keep: SubtitleChoice['keep'],
  warnings: string[],
): ProbeStream[] {
  if (keep === undefined) {
    if (preset.subtitles !== 'drop') return [...all];
    if (all.length > 0) warnings.push(`Subtitles were dropped, as the preset asks.`);
    return [];
  }
  if (keep === 'all') return [...all];
  if (keep === 'none') return [];
  if (keep === 'forced') return all.filter((s) => s.disposition?.forced === 1);
  return keep.flatMap((language) => {
    const found = all.filter((s) => s.tags?.language === language);
    if (found.length === 0)
      warnings.push(`There is no subtitle track in language "${language}"; it was skipped.`);
    return found;
  });
}

export function chooseSubtitles(
  preset: Preset,
  all: readonly ProbeStream[],
  choice: SubtitleChoice = {},
  warnings: string[] = [],
): SubtitlePick {
  const burn = choice.burn === undefined ? null : (findPick(all, choice.burn) ?? null);
  if (choice.burn !== undefined && burn === null)
    warnings.push(
      `There is no subtitle track for ${describePick(choice.burn)} to burn in; none was burned.`,
    );
  // The burned track is in the picture: it does not travel as a track as well.
  return { keep: kept(preset, all, choice.keep, warnings).filter((s) => s !== burn), burn };
}

/**
 * A value inside a filter graph: escaped for the filter's option parser (`\`, `'`, `:`),
 * then for the graph parser (`\`, `'`, `[`, `]`, `,`, `;`), so a path cannot end the
 * option or start another filter.
 */
export function filterValue(value: string): string {
  return value.replace(/[\\':]/g, '\\$&').replace(/[\\'[\],;]/g, '\\$&');
}

/**
 * The chain items that burn `stream` in. libass reads the subtitle file itself and times
 * lines by the file's own clock, so the frames are moved onto that clock by `shiftSec`
 * (what ffmpeg took off the input's timestamps: the container's start and any trim)
 * around the filter and back after.
 */
export function burnItems(info: MediaInfo, stream: ProbeStream, shiftSec: number): ChainItem[] {
  if (!isTextSubtitle(stream)) return [{ overlay: `0:${stream.index}` }];
  const si = subtitleStreams(info).findIndex((s) => s.index === stream.index);
  const filter = `subtitles=filename=${filterValue(fileUrl(info.path))}:si=${Math.max(0, si)}`;
  if (shiftSec === 0) return [filter];
  const by = shiftSec.toFixed(6);
  return [`setpts=PTS+${by}/TB`, filter, `setpts=PTS-${by}/TB`];
}
