import { AUTO_ORDER, BACKEND_INFO, type Os } from '../hardware/backends';
import type { HardwareEncoder } from '../hardware/encoder-args';
import { HwCodecSchema, type Backend, type HardwareReport } from '../hardware/model';
import type { Decoder } from '../jobs/job';
import type { Step } from '../jobs/plan';
import type { JobSettings } from '../jobs/settings';
import type { Preset } from '../presets/schema';
import { fileUrl } from './safety';

// Decoding the source on the hardware: only where the matrix's one-frame decode test of
// that codec passed on that backend. Plain `-hwaccel X` (no output format) brings every
// frame back to system memory, so software filters and encoders take them unchanged.

export interface DecoderChoice {
  /** The source's video codec, as ffmpeg names it (h264, hevc, …). */
  codec: string;
  /** The hardware decoding method (cuda, vaapi, qsv, …); null: software. */
  hwaccel: string | null;
  /** Why software, in one sentence; null on hardware. */
  reason: string | null;
  /** Options placed before the source's `-i` in every step that decodes its video. */
  input: string[];
}

export interface DecoderQuestion {
  report: HardwareReport | null;
  os: Os;
  /** The video codec of the stream the job encodes. */
  codec: string;
  settings?: JobSettings | undefined;
  preset: Pick<Preset, 'hardware'>;
  /** The hardware encoder chosen for the job: its backend is tried first. */
  encoder: HardwareEncoder | null;
}

/** How each backend decodes `codec`: its method's name and the input options. */
function decodeOn(backend: Backend, codec: string): { hwaccel: string; input: string[] } | null {
  const decode = BACKEND_INFO[backend].decode;
  if (decode.kind === 'hwaccel')
    return { hwaccel: decode.hwaccel, input: ['-hwaccel', decode.hwaccel] };
  const parsed = HwCodecSchema.safeParse(codec);
  const decoder =
    decode.kind === 'decoder' && parsed.success ? decode.decoders[parsed.data] : undefined;
  return decoder === undefined ? null : { hwaccel: backend, input: ['-c:v', decoder] };
}

/** Decoding `codec` in software, and why. */
export function softwareDecoder(codec: string, reason: string): DecoderChoice {
  return { codec, hwaccel: null, reason, input: [] };
}

/** The decoder for a job's source video: a tested hardware one, or software and why. */
export function chooseDecoder(q: DecoderQuestion): DecoderChoice {
  const software = (reason: string): DecoderChoice => softwareDecoder(q.codec, reason);
  if (q.settings?.hwDecode === 'off') return software('Hardware decoding is off for this job.');
  if (q.report === null)
    return software(
      'The hardware was not tested on this machine yet (framewright hw, or the Hardware page); decoded in software.',
    );
  // A preset that names a backend decodes there; a software or `auto` preset wherever
  // the decode test passed, its hardware encoder's backend first.
  const candidates: Backend[] =
    q.preset.hardware === 'auto' || q.preset.hardware === 'off'
      ? [...new Set([...(q.encoder ? [q.encoder.backend] : []), ...AUTO_ORDER[q.os]])]
      : [q.preset.hardware];
  for (const backend of candidates) {
    const passed = q.report.cells.some(
      (c) =>
        c.backend === backend &&
        c.codec === q.codec &&
        c.direction === 'decode' &&
        c.status === 'available',
    );
    const how = passed ? decodeOn(backend, q.codec) : null;
    if (how !== null) return { codec: q.codec, reason: null, ...how };
  }
  return software(`No hardware decoder for ${q.codec} passed the test here; decoded in software.`);
}

/** True when the step encodes video (so it decodes the video it maps). */
export function encodesVideo(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === '-c:v' && args[i + 1] !== 'copy');
}

/** The steps with the decoder's options before each `-i` of `source` in steps that encode video. */
export function withDecoder(steps: Step[], source: string, decoder: DecoderChoice | null): Step[] {
  if (decoder === null || decoder.input.length === 0) return steps;
  const url = fileUrl(source);
  return steps.map((step) => {
    if (step.program !== 'ffmpeg' || !encodesVideo(step.args)) return step;
    const args = step.args.flatMap((arg, i) =>
      arg === '-i' && step.args[i + 1] === url ? [...decoder.input, arg] : [arg],
    );
    return { ...step, args };
  });
}

/** What the job records of a decoder choice. */
export function decoderRecord(choice: DecoderChoice): Decoder {
  return { codec: choice.codec, hwaccel: choice.hwaccel };
}
