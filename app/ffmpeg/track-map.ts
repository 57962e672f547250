import type { MediaInfo, ProbeStream } from '../media/model';
import {
  audioStreams,
  isAttachedPicture,
  isTextSubtitle,
  preferredStream,
  subtitleStreams,
  unusableReason,
  videoStreams,
} from '../media/streams';
import type { Container, Preset } from '../presets/schema';

// Decides which input streams go to the output and how subtitles are carried:
// all audio tracks (or the preferred one), subtitles where the container can hold
// them, with a warning for each track left behind. Streams the probe shows cannot be
// decoded (damaged files list phantom ones) are left out first, each with a warning.

export interface SubtitlePlan {
  stream: ProbeStream;
  /** Encoder name, or 'copy'. */
  codec: string;
}

export interface TrackMap {
  video: ProbeStream | undefined;
  audio: ProbeStream[];
  subtitles: SubtitlePlan[];
  warnings: string[];
}

/** Which subtitle encoders a container accepts: text subtitles are converted, bitmaps copied where possible. */
const SUBTITLE_SUPPORT: Record<Container, { text: string | null; bitmap: boolean }> = {
  matroska: { text: 'copy', bitmap: true },
  mp4: { text: 'mov_text', bitmap: false },
  ipod: { text: 'mov_text', bitmap: false },
  webm: { text: 'webvtt', bitmap: false },
  mp3: { text: null, bitmap: false },
  ogg: { text: null, bitmap: false },
  flac: { text: null, bitmap: false },
};

function label(stream: ProbeStream): string {
  const lang = stream.tags?.language;
  return `#${stream.index} (${stream.codec_name ?? 'unknown'}${lang && lang !== 'und' ? `, ${lang}` : ''})`;
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

export function mapTracks(preset: Preset, probed: MediaInfo): TrackMap {
  const { info, warnings } = usableStreams(probed);
  const wantsVideo = preset.video !== 'none';
  const videos = videoStreams(info);
  const video = wantsVideo ? videos[0] : undefined;
  if (wantsVideo && videos.length > 1) {
    warnings.push(
      `Only the first video track is kept; ${videos.slice(1).map(label).join(', ')} dropped.`,
    );
  }

  const audios = audioStreams(info);
  let audio = audios;
  if (!preset.allAudioTracks && audios.length > 1) {
    const chosen = preferredStream(audios);
    audio = chosen ? [chosen] : [];
    const dropped = audios.filter((s) => s !== chosen);
    warnings.push(
      `This format holds one audio track; kept ${chosen ? label(chosen) : 'none'}, dropped ${dropped.map(label).join(', ')}.`,
    );
  }
  if (!wantsVideo && audio.length === 0) {
    warnings.push('The file has no audio track to keep.');
  }

  const subtitles: SubtitlePlan[] = [];
  const support = SUBTITLE_SUPPORT[preset.container];
  for (const stream of subtitleStreams(info)) {
    if (preset.subtitles === 'drop') continue;
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
  if (preset.subtitles === 'drop' && subtitleStreams(info).length > 0) {
    warnings.push(`Subtitles were dropped, as the preset asks.`);
  }
  const coverArt = info.streams.filter(isAttachedPicture);
  if (coverArt.length > 0)
    warnings.push(`Cover art ${coverArt.map(label).join(', ')} was not kept.`);
  return { video, audio, subtitles, warnings };
}
