import type { JobSettings } from '../jobs/settings';
import type { MediaInfo, ProbeStream } from '../media/model';
import {
  audioStreams,
  isAttachedPicture,
  isTextSubtitle,
  subtitleStreams,
  trackLabel as label,
  unusableReason,
  videoStreams,
} from '../media/streams';
import type { Preset } from '../presets/schema';
import { chooseAudio } from './audio-choice';
import { CONTAINER_ACCEPTS } from './containers';
import { chooseSubtitles } from './subtitle-choice';

// Decides which input streams go to the output and how subtitles are carried:
// all audio tracks (or the preferred one, or the job's choice), subtitles where the
// container can hold them, with a warning for each track left behind. Streams the probe shows cannot be
// decoded (damaged files list phantom ones) are left out first, each with a warning.

export interface SubtitlePlan {
  stream: ProbeStream;
  /** Encoder name, or 'copy'. */
  codec: string;
}

export interface TrackMap {
  video: ProbeStream | undefined;
  audio: ProbeStream[];
  /** True when the job chose the audio order: the first is marked default. */
  audioOrdered: boolean;
  subtitles: SubtitlePlan[];
  /** The subtitle track burned into the picture, if any. */
  burn: ProbeStream | null;
  warnings: string[];
}

const KIND: Record<string, string> = { video: 'Video', audio: 'Audio', subtitle: 'Subtitle' };

/** The streams worth mapping, and a warning naming each one left out. */
function usableStreams(info: MediaInfo): { info: MediaInfo; warnings: string[] } {
  const warnings: string[] = [];
  const streams = info.streams.filter((stream) => {
    const kind = KIND[stream.codec_type ?? ''];
    if (kind === undefined || isAttachedPicture(stream)) return true;
    const reason = unusableReason(stream);
    if (reason === null) return true;
    warnings.push(
      `${kind} track ${label(stream)} was left out: ${reason}, so it cannot be converted.`,
    );
    return false;
  });
  return { info: { ...info, streams }, warnings };
}

export function mapTracks(preset: Preset, probed: MediaInfo, settings: JobSettings = {}): TrackMap {
  const { info, warnings } = usableStreams(probed);
  const wantsVideo = preset.video !== 'none';
  const videos = videoStreams(info);
  const video = wantsVideo ? videos[0] : undefined;
  if (wantsVideo && videos.length > 1) {
    warnings.push(
      `Only the first video track is kept; ${videos.slice(1).map(label).join(', ')} dropped.`,
    );
  }

  const audio = chooseAudio(preset, audioStreams(info), settings.audio?.tracks, warnings);
  if (!wantsVideo && audio.streams.length === 0) {
    warnings.push('The file has no audio track to keep.');
  }

  const subtitles: SubtitlePlan[] = [];
  const support = CONTAINER_ACCEPTS[preset.container];
  const chosen = chooseSubtitles(preset, subtitleStreams(info), settings.subtitles, warnings);
  for (const stream of chosen.keep) {
    const text = isTextSubtitle(stream);
    if (text && support.text !== null) {
      // Matroska cannot hold mov_text: convert it to SubRip instead of copying.
      const codec =
        support.text === 'copy' && stream.codec_name === 'mov_text' ? 'srt' : support.text;
      subtitles.push({ stream, codec });
    } else if (!text && support.bitmap) {
      subtitles.push({ stream, codec: 'copy' });
    } else {
      warnings.push(
        `Subtitle track ${label(stream)} was dropped: ${preset.name} cannot carry ${text ? 'subtitles' : 'picture-based subtitles'}.`,
      );
    }
  }
  // Burning needs a picture to burn into.
  const burn = video === undefined || preset.video === 'copy' ? null : chosen.burn;
  if (chosen.burn !== null && burn === null)
    warnings.push(
      `Subtitle track ${label(chosen.burn)} was not burned in: the video is ${preset.video === 'copy' ? 'copied, not encoded' : 'not kept'}.`,
    );
  const coverArt = info.streams.filter(isAttachedPicture);
  if (coverArt.length > 0)
    warnings.push(`Cover art ${coverArt.map(label).join(', ')} was not kept.`);
  return {
    video,
    audio: audio.streams,
    audioOrdered: audio.ordered,
    subtitles,
    burn,
    warnings,
  };
}
