import type { AudioChoice, TrackPick } from '../jobs/settings';
import type { ProbeStream } from '../media/model';
import { preferredStream, trackLabel } from '../media/streams';
import type { Preset } from '../presets/schema';
import { audioTrackArgs } from './audio-layout';
import { acceptsAudio } from './containers';

// The audio one job keeps (all, none, or the tracks asked for, in that order, the first
// marked default) and how each is written: copied where the job asks for passthrough and
// the container takes the codec, else encoded with the preset's codec.

/** How a pick is named in a warning. */
export function describePick(pick: TrackPick): string {
  return 'language' in pick ? `language "${pick.language}"` : `#${pick.index}`;
}

/** The first stream a pick names that is not taken yet, or undefined. */
export function findPick(
  streams: readonly ProbeStream[],
  pick: TrackPick,
  taken: readonly ProbeStream[] = [],
): ProbeStream | undefined {
  return streams.find(
    (s) =>
      !taken.includes(s) &&
      ('language' in pick ? s.tags?.language === pick.language : s.index === pick.index),
  );
}

export interface AudioPick {
  streams: ProbeStream[];
  /** True when the job chose the order: the first is then marked default, the others not. */
  ordered: boolean;
}

function picked(
  audios: readonly ProbeStream[],
  tracks: AudioChoice['tracks'],
  warnings: string[],
): AudioPick | null {
  if (tracks === 'all' || tracks === undefined) return null;
  if (tracks === 'none') return { streams: [], ordered: false };
  const streams: ProbeStream[] = [];
  for (const pick of tracks) {
    const stream = findPick(audios, pick, streams);
    if (stream === undefined)
      warnings.push(`There is no audio track for ${describePick(pick)}; it was skipped.`);
    else streams.push(stream);
  }
  if (streams.length > 0) return { streams, ordered: true };
  if (audios.length > 0) warnings.push('None of the asked audio tracks exist; kept the default.');
  return null;
}

/** Which audio tracks go out, in order, with a warning for each pick that names none. */
export function chooseAudio(
  preset: Preset,
  audios: readonly ProbeStream[],
  tracks: AudioChoice['tracks'],
  warnings: string[],
): AudioPick {
  const pick = picked(audios, tracks, warnings) ?? { streams: [...audios], ordered: false };
  // A preset that keeps one track (MP3, FLAC, M4A) keeps one whatever was asked: the
  // first asked, else the default-marked one.
  if (pick.streams.length < 2 || preset.allAudioTracks) return pick;
  const chosen = pick.ordered ? pick.streams[0] : preferredStream(pick.streams);
  const dropped = pick.streams.filter((s) => s !== chosen);
  warnings.push(
    `This format holds one audio track; kept ${chosen ? trackLabel(chosen) : 'none'}, dropped ${dropped.map(trackLabel).join(', ')}.`,
  );
  return { streams: chosen ? [chosen] : [], ordered: pick.ordered };
}

/** Codec, per-track layout and bit rate (or copy), extra options and default marks. */
export function audioArgs(
  preset: Preset,
  pick: AudioPick,
  choice: AudioChoice = {},
  warnings: string[] = [],
): string[] {
  const { streams } = pick;
  if (streams.length === 0) return [];
  const marks = pick.ordered
    ? streams.flatMap((_, n) => [`-disposition:a:${n}`, n === 0 ? 'default' : '-default'])
    : [];
  const settings = preset.audio;
  if (settings === 'copy') {
    if ((choice.mix ?? 'keep') !== 'keep' || choice.kbpsPerChannel !== undefined)
      warnings.push('The preset copies audio as it is, so the mix and bit rate were not changed.');
    return ['-c:a', 'copy', ...marks];
  }
  const copy = (s: ProbeStream): boolean =>
    choice.passthrough === true && acceptsAudio(preset.container, s.codec_name);
  return [
    ...['-c:a', settings.codec],
    ...(settings.quality !== undefined ? ['-q:a', String(settings.quality)] : []),
    ...audioTrackArgs(settings, streams, {
      mix: choice.mix,
      kbpsPerChannel: choice.kbpsPerChannel,
      copy,
    }),
    ...settings.extraArgs,
    ...marks,
  ];
}
