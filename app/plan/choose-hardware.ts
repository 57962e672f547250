import { chooseDecoder, type DecoderChoice } from '../ffmpeg/hw-decode';
import type { Os } from '../hardware/backends';
import { pickEncoder, type HardwareEncoder } from '../hardware/encoder-args';
import type { HardwareReport } from '../hardware/model';
import type { JobSettings } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import { videoStreams } from '../media/streams';
import type { Preset } from '../presets/schema';

/** Whether the choice needs the hardware matrix at all (software-only presets do not ask). */
export function wantsHardware(preset: Preset): boolean {
  return preset.hardware !== 'off' && typeof preset.video === 'object';
}

/** Software or a tested hardware encoder for this preset, with the note the job records. */
export function chooseHardware(
  preset: Preset,
  report: HardwareReport | null,
  os: Os,
): { hw: HardwareEncoder | null; note: string | null } {
  if (!wantsHardware(preset) || typeof preset.video !== 'object') return { hw: null, note: null };
  const pick = pickEncoder(preset.video, preset.hardware, report, os);
  if (pick.kind === 'software') return { hw: null, note: pick.reason };
  return { hw: pick.choice, note: `Encoded with ${pick.choice.encoder} (hardware).` };
}

/** How the job's video is decoded, from the report the encoder choice read; null when no video is encoded. */
export function decoderFor(
  preset: Preset,
  info: MediaInfo,
  settings: JobSettings | undefined,
  chosen: { hw: HardwareEncoder | null; report: HardwareReport | null },
  os: Os,
): DecoderChoice | null {
  // The planner encodes the first video track (track-map.ts).
  const codec = videoStreams(info)[0]?.codec_name;
  if (typeof preset.video !== 'object' || codec === undefined) return null;
  return chooseDecoder({ report: chosen.report, os, codec, settings, preset, encoder: chosen.hw });
}
