import { PROTOCOL_WHITELIST, fileUrl } from '../ffmpeg/safety';
import { BACKEND_INFO, SAMPLE_ENCODERS } from './backends';
import type { Backend, HwCodec } from './model';

// The exact test commands: one frame through a hardware encoder, or one frame of a
// tiny sample decoded on the device and downloaded back (so a silent fallback to
// software decoding cannot pass as hardware).

const PREFIX = [
  '-hide_banner',
  '-nostdin',
  '-v',
  'error',
  '-protocol_whitelist',
  PROTOCOL_WHITELIST,
] as const;
/** 256x256 satisfies every encoder's minimum size (HEVC NVENC needs 129+ wide). */
const TEST_SOURCE = 'color=c=gray:s=256x256:r=25:d=0.2';

export function encodeTestArgs(backend: Backend, encoder: string): string[] {
  const info = BACKEND_INFO[backend];
  return [
    ...PREFIX,
    ...info.encodeSetup,
    '-f',
    'lavfi',
    '-i',
    TEST_SOURCE,
    ...(info.uploadFilter ? ['-vf', info.uploadFilter] : []),
    '-frames:v',
    '1',
    '-c:v',
    encoder,
    '-f',
    'null',
    '-',
  ];
}

export function decodeTestArgs(backend: Backend, codec: HwCodec, sample: string): string[] | null {
  const decode = BACKEND_INFO[backend].decode;
  const tail = ['-frames:v', '1', '-f', 'null', '-'];
  if (decode.kind === 'hwaccel') {
    const hw = decode.hwaccel;
    return [
      ...PREFIX,
      '-hwaccel',
      hw,
      '-hwaccel_output_format',
      hw,
      '-i',
      fileUrl(sample),
      '-vf',
      'hwdownload,format=nv12',
      ...tail,
    ];
  }
  if (decode.kind === 'decoder') {
    const decoder = decode.decoders[codec];
    return decoder === undefined
      ? null
      : [...PREFIX, '-c:v', decoder, '-i', fileUrl(sample), ...tail];
  }
  return null;
}

/** Makes the tiny software-encoded sample of `codec` that decode tests read. */
export function sampleArgs(codec: HwCodec, output: string): string[] {
  const sample = SAMPLE_ENCODERS[codec];
  return [
    ...PREFIX,
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=256x256:r=25:d=0.2',
    '-frames:v',
    '2',
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    sample.encoder,
    ...sample.args,
    fileUrl(output),
  ];
}
