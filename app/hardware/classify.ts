import { BACKEND_INFO } from './backends';
import type { Backend, CellStatus } from './model';

// Reads a finished hardware test and says, in a person's words, what it means.
// Patterns come from real ffmpeg 5.1 output (test/fixtures/hw-tests/).

export interface TestOutcome {
  exitCode: number | null;
  timedOut: boolean;
  stderr: string;
  timeLimitMs: number;
}

export interface Verdict {
  status: Extract<CellStatus, 'available' | 'unavailable'>;
  reason: string;
  ffmpegLine: string | null;
}

/** What "the device could not be opened" means for each backend. */
const NO_DEVICE: Record<Backend, string> = {
  nvidia: 'No NVIDIA GPU with a working driver was found.',
  qsv: 'No Intel Quick Sync device or runtime (oneVPL / Media SDK) was found.',
  vaapi: 'No VA-API device was found (no /dev/dri render node, or no VA driver for it).',
  amf: 'No AMD GPU with the AMF runtime was found.',
  videotoolbox: 'VideoToolbox could not open a device.',
  mediafoundation: 'No Direct3D 11 video device could be opened.',
  v4l2m2m: 'No V4L2 memory-to-memory video device was found.',
  vulkan: 'No Vulkan device with video decoding was found.',
};

const EXPLANATIONS: [RegExp, string][] = [
  [
    /Cannot load libcuda|Could not dynamically load CUDA|cuInit.*failed/i,
    'No NVIDIA driver is installed here (libcuda could not be loaded).',
  ],
  [
    /Cannot load libnvidia-encode/i,
    "The NVIDIA driver's encoding library (libnvidia-encode) is missing; install the driver's video/encode component.",
  ],
  [
    /Cannot load libnvcuvid/i,
    "The NVIDIA driver's decoding library (libnvcuvid) is missing; install the driver's video/decode component.",
  ],
  [
    /No capable devices found|unsupported device \(2\)|no NVENC capable devices|NVENC.*not supported/i,
    'This NVIDIA GPU has no video encoder (NVENC). Data-centre GPUs such as the A100 and H100 can decode video but not encode it.',
  ],
  [
    /Driver does not support the required nvenc API version|minimum required Nvidia driver/i,
    'The NVIDIA driver is too old for this FFmpeg build; update the driver.',
  ],
  [/CUDA_ERROR_NO_DEVICE|no CUDA-capable device/i, 'No NVIDIA GPU was found.'],
  [
    /Error initializing an internal MFX session|MFX_ERR_UNSUPPORTED|Error creating a MFX session/i,
    'No Intel Quick Sync device or runtime (oneVPL / Media SDK) was found.',
  ],
  [
    /No VA display found|Failed to initialise VAAPI|Failed to open.*renderD|vaInitialize failed|libva error/i,
    'No VA-API device was found (no /dev/dri render node, or no VA driver for it).',
  ],
  [
    /No usable encoding (profile|entrypoint)|profile .* not supported|entrypoint .* not supported/i,
    'The VA-API driver cannot encode this codec on this GPU.',
  ],
  [/Could not find a valid device/i, 'No V4L2 memory-to-memory video device was found.'],
  [
    /amfrt64|AMF.*(failed|not found)|DLL .* failed to open/i,
    'No AMD AMF runtime was found (it comes with the AMD driver).',
  ],
  [
    /VTCompressionSessionCreate|Error: cannot create compression session/i,
    'VideoToolbox refused to create an encoder for this codec on this Mac.',
  ],
  [/Cannot open the X11 display/i, 'This method needs an X11 display, and there is none.'],
  [/Device creation failed|No device available for decoder/i, 'NO_DEVICE'],
  [
    /Hardware is lacking required capabilities|does not support hardware accelerated|Failed setup for format|hardware accelerator failed|not supported by hardware/i,
    'The GPU cannot decode this codec.',
  ],
  [
    /Impossible to convert between the formats supported by the filter/i,
    'Frames did not arrive on the device: decoding silently fell back to software.',
  ],
];

/** The line of ffmpeg's output that best explains the failure. */
export function decisiveLine(stderr: string): string | null {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  for (const [pattern] of EXPLANATIONS) {
    const line = lines.find((l) => pattern.test(l));
    if (line !== undefined) return line;
  }
  return lines[0] ?? null;
}

export function classifyTest(
  backend: Backend,
  direction: 'encode' | 'decode',
  outcome: TestOutcome,
): Verdict {
  const label = BACKEND_INFO[backend].label;
  if (outcome.timedOut) {
    return {
      status: 'unavailable',
      reason: `The ${direction} test did not finish within ${Math.round(outcome.timeLimitMs / 1000)} seconds; the driver may be stuck.`,
      ffmpegLine: decisiveLine(outcome.stderr),
    };
  }
  if (outcome.exitCode === 0) {
    return {
      status: 'available',
      reason: `A real one-frame ${direction} through ${label} worked on this machine.`,
      ffmpegLine: null,
    };
  }
  const known = EXPLANATIONS.find(([pattern]) => pattern.test(outcome.stderr));
  const line = decisiveLine(outcome.stderr);
  const sentence = known?.[1] === 'NO_DEVICE' ? NO_DEVICE[backend] : known?.[1];
  const reason =
    sentence ??
    `The ${direction} test failed${line ? '' : ` (exit code ${outcome.exitCode ?? 'none'})`}.`;
  return { status: 'unavailable', reason, ffmpegLine: line };
}
