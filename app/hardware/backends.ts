import type { Backend, HwCodec } from './model';

// What each backend is, where it exists, and how ffmpeg names its encoders and
// decoders. Tests are built from this table (app/hardware/commands.ts).

export type Os = 'linux' | 'win32' | 'darwin';

export interface BackendInfo {
  label: string;
  os: readonly Os[];
  /** ffmpeg encoder name per codec; absent where the backend has none. */
  encoders: Partial<Record<HwCodec, string>>;
  /** Decoding: through an -hwaccel device type, or through dedicated decoders. */
  decode:
    | { kind: 'hwaccel'; hwaccel: string; codecs: readonly HwCodec[] }
    | { kind: 'decoder'; decoders: Partial<Record<HwCodec, string>> }
    | { kind: 'none' };
  /** Device setup options placed before the input for encode tests. */
  encodeSetup: readonly string[];
  /** Filters that move software frames to the device before encoding. */
  uploadFilter: string | null;
}

export const BACKEND_INFO: Record<Backend, BackendInfo> = {
  nvidia: {
    label: 'NVIDIA NVENC / NVDEC (CUDA)',
    os: ['linux', 'win32'],
    encoders: { h264: 'h264_nvenc', hevc: 'hevc_nvenc', av1: 'av1_nvenc' },
    decode: { kind: 'hwaccel', hwaccel: 'cuda', codecs: ['h264', 'hevc', 'av1', 'vp9'] },
    encodeSetup: [],
    uploadFilter: null,
  },
  qsv: {
    label: 'Intel Quick Sync Video',
    os: ['linux', 'win32'],
    encoders: { h264: 'h264_qsv', hevc: 'hevc_qsv', av1: 'av1_qsv', vp9: 'vp9_qsv' },
    decode: {
      kind: 'decoder',
      decoders: { h264: 'h264_qsv', hevc: 'hevc_qsv', av1: 'av1_qsv', vp9: 'vp9_qsv' },
    },
    encodeSetup: [],
    uploadFilter: null,
  },
  vaapi: {
    label: 'VA-API (Intel, AMD)',
    os: ['linux'],
    encoders: { h264: 'h264_vaapi', hevc: 'hevc_vaapi', av1: 'av1_vaapi', vp9: 'vp9_vaapi' },
    decode: { kind: 'hwaccel', hwaccel: 'vaapi', codecs: ['h264', 'hevc', 'av1', 'vp9'] },
    encodeSetup: ['-init_hw_device', 'vaapi=hw', '-filter_hw_device', 'hw'],
    uploadFilter: 'format=nv12,hwupload',
  },
  amf: {
    label: 'AMD AMF',
    os: ['win32', 'linux'],
    encoders: { h264: 'h264_amf', hevc: 'hevc_amf', av1: 'av1_amf' },
    decode: { kind: 'none' },
    encodeSetup: [],
    uploadFilter: null,
  },
  videotoolbox: {
    label: 'Apple VideoToolbox',
    os: ['darwin'],
    encoders: { h264: 'h264_videotoolbox', hevc: 'hevc_videotoolbox' },
    decode: { kind: 'hwaccel', hwaccel: 'videotoolbox', codecs: ['h264', 'hevc', 'vp9', 'av1'] },
    encodeSetup: [],
    uploadFilter: null,
  },
  mediafoundation: {
    label: 'Windows Media Foundation',
    os: ['win32'],
    encoders: { h264: 'h264_mf', hevc: 'hevc_mf' },
    decode: { kind: 'hwaccel', hwaccel: 'd3d11va', codecs: ['h264', 'hevc', 'av1', 'vp9'] },
    encodeSetup: [],
    uploadFilter: null,
  },
  v4l2m2m: {
    label: 'V4L2 memory-to-memory (ARM boards)',
    os: ['linux'],
    encoders: { h264: 'h264_v4l2m2m', hevc: 'hevc_v4l2m2m' },
    decode: {
      kind: 'decoder',
      decoders: { h264: 'h264_v4l2m2m', hevc: 'hevc_v4l2m2m', vp9: 'vp9_v4l2m2m' },
    },
    encodeSetup: [],
    uploadFilter: null,
  },
  vulkan: {
    label: 'Vulkan Video decode',
    os: ['linux', 'win32'],
    encoders: {},
    decode: { kind: 'hwaccel', hwaccel: 'vulkan', codecs: ['h264', 'hevc', 'av1'] },
    encodeSetup: [],
    uploadFilter: null,
  },
};

/** The software encoder used to make each codec's tiny decode-test sample. */
export const SAMPLE_ENCODERS: Record<
  HwCodec,
  { encoder: string; extension: string; args: readonly string[] }
> = {
  h264: { encoder: 'libx264', extension: '.mp4', args: ['-preset', 'ultrafast'] },
  hevc: {
    encoder: 'libx265',
    extension: '.mp4',
    args: ['-preset', 'ultrafast', '-x265-params', 'log-level=error'],
  },
  av1: { encoder: 'libsvtav1', extension: '.mkv', args: ['-preset', '12'] },
  vp9: {
    encoder: 'libvpx-vp9',
    extension: '.webm',
    args: ['-deadline', 'realtime', '-cpu-used', '8'],
  },
};

/** Order `auto` tries backends in, per OS (best first). */
export const AUTO_ORDER: Record<Os, readonly Backend[]> = {
  linux: ['nvidia', 'qsv', 'vaapi', 'amf', 'v4l2m2m'],
  win32: ['nvidia', 'qsv', 'amf', 'mediafoundation'],
  darwin: ['videotoolbox'],
};
