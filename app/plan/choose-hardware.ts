import type { Os } from '../hardware/backends';
import { pickEncoder, type HardwareEncoder } from '../hardware/encoder-args';
import type { HardwareReport } from '../hardware/model';
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
