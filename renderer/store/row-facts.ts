import type { ProbeOutcome } from '../../app/api/contract';
import type { MediaInfo, ProbeStream } from '../../app/media/model';
import { resolutionBadge } from '../../app/media/resolution';
import {
  audioStreams,
  isAttachedPicture,
  preferredStream,
  unusableReason,
  videoStreams,
} from '../../app/media/streams';

/** What a queue row shows of its input's probe: a few facts, kept small for 10,000 rows. */
export interface RowFacts {
  durationSec: number | null;
  /** "1920×1080" of the main video, or null for audio-only files. */
  resolution: string | null;
  /** "H264 / AAC": the main video and audio codecs. */
  codecs: string | null;
  sizeBytes: number | null;
  /** "3 resolutions" when the picture size changes inside the file. */
  badge: string | null;
  /** What would be left out or could not be read, one sentence each. */
  warnings: string[];
}

const KIND: Record<string, string> = { video: 'Video', audio: 'Audio', subtitle: 'Subtitle' };

function codecName(stream: ProbeStream | undefined): string | null {
  const name = stream?.codec_name;
  return name === undefined || name === '' ? null : name.toUpperCase();
}

function factsOf(info: MediaInfo): RowFacts {
  const video = preferredStream(videoStreams(info).filter((s) => unusableReason(s) === null));
  const audio = preferredStream(audioStreams(info).filter((s) => unusableReason(s) === null));
  const codecs = [codecName(video), codecName(audio)].filter((c): c is string => c !== null);
  const warnings: string[] = [];
  for (const stream of info.streams) {
    if (isAttachedPicture(stream)) continue;
    const reason = unusableReason(stream);
    if (reason === null) continue;
    const kind = KIND[stream.codec_type ?? ''] ?? 'Stream';
    warnings.push(`${kind} track #${stream.index} will be left out: ${reason}.`);
  }
  if (video === undefined && audio === undefined)
    warnings.push('FFmpeg found no video or audio it can convert in this file.');
  return {
    durationSec: info.durationSec,
    resolution:
      video?.width !== undefined && video.height !== undefined
        ? `${video.width}×${video.height}`
        : null,
    codecs: codecs.length > 0 ? codecs.join(' / ') : null,
    sizeBytes: info.sizeBytes,
    badge: resolutionBadge(info.resolution),
    warnings,
  };
}

/** A row's facts from a probe; a file FFmpeg cannot read has its sentence as the warning. */
export function rowFacts(outcome: ProbeOutcome): RowFacts {
  if (outcome.ok) return factsOf(outcome.info);
  return {
    durationSec: null,
    resolution: null,
    codecs: null,
    sizeBytes: null,
    badge: null,
    warnings: [outcome.error],
  };
}
