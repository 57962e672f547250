import type { VideoSettings } from '../presets/schema';
import { AUTO_ORDER, BACKEND_INFO, type Os } from './backends';
import {
  CODEC_LABEL,
  type Backend,
  type HardwareChoice,
  type HardwareReport,
  type HwCodec,
} from './model';

// Using the matrix: pick a hardware encoder that really works, and translate a
// preset's constant-quality intent into that encoder's options.

/** The hardware codec that can stand in for each software encoder (null: none). */
export const SOFTWARE_CODEC: Record<VideoSettings['codec'], HwCodec | null> = {
  libx264: 'h264',
  libx265: 'hevc',
  libsvtav1: 'av1',
  'libvpx-vp9': 'vp9',
  libvpx: null,
};

export interface HardwareEncoder {
  backend: Backend;
  encoder: string;
}

export type HardwarePick =
  { kind: 'hardware'; choice: HardwareEncoder } | { kind: 'software'; reason: string | null };

/** Chooses the encoder for a preset's video settings given what the matrix found. */
export function pickEncoder(
  settings: VideoSettings,
  choice: HardwareChoice,
  report: HardwareReport | null,
  os: Os,
): HardwarePick {
  if (choice === 'off') return { kind: 'software', reason: null };
  const codec = SOFTWARE_CODEC[settings.codec];
  if (codec === null)
    return {
      kind: 'software',
      reason: `No hardware encoder exists for ${settings.codec}; encoded in software.`,
    };
  if (report === null)
    return { kind: 'software', reason: 'Hardware was not tested yet; encoded in software.' };
  const candidates = choice === 'auto' ? AUTO_ORDER[os] : [choice];
  const cells = report.cells.filter(
    (c) => c.codec === codec && c.direction === 'encode' && candidates.includes(c.backend),
  );
  for (const backend of candidates) {
    const cell = cells.find((c) => c.backend === backend && c.status === 'available');
    if (cell?.implementation)
      return { kind: 'hardware', choice: { backend, encoder: cell.implementation } };
  }
  const why = cells
    .filter((c) => c.status === 'unavailable' || c.status === 'not-built')
    .map((c) => `${BACKEND_INFO[c.backend].label}: ${c.reason}`);
  const name = CODEC_LABEL[codec];
  const subject =
    choice === 'auto'
      ? `No hardware ${name} encoder works on this machine`
      : `${BACKEND_INFO[choice].label} cannot encode ${name} here`;
  return {
    kind: 'software',
    reason: `${subject}${why.length ? ` (${why.slice(0, 3).join(' ')})` : ''}; encoded in software.`,
  };
}

/** Encoder options for a hardware encoder, keeping the preset's quality intent. */
export function hardwareVideoArgs(
  hw: HardwareEncoder,
  settings: VideoSettings,
): { global: string[]; filters: string[]; codec: string[] } {
  const q = String(settings.crf);
  switch (hw.backend) {
    case 'nvidia':
      return {
        global: [],
        filters: [],
        codec: [
          '-c:v',
          hw.encoder,
          '-preset',
          'p5',
          '-rc',
          'vbr',
          '-cq',
          q,
          '-b:v',
          '0',
          '-pix_fmt',
          'yuv420p',
        ],
      };
    case 'qsv':
      return {
        global: [],
        filters: [],
        codec: ['-c:v', hw.encoder, '-global_quality', q, '-pix_fmt', 'nv12'],
      };
    case 'vaapi': {
      // Same device set-up and upload as the backend's one-frame test (backends.ts).
      const { encodeSetup, uploadFilter } = BACKEND_INFO.vaapi;
      return {
        global: [...encodeSetup],
        filters: uploadFilter === null ? [] : uploadFilter.split(','),
        codec: ['-c:v', hw.encoder, '-qp', q],
      };
    }
    case 'amf':
      return {
        global: [],
        filters: [],
        codec: ['-c:v', hw.encoder, '-rc', 'cqp', '-qp_i', q, '-qp_p', q, '-pix_fmt', 'yuv420p'],
      };
    case 'videotoolbox':
      // VideoToolbox quality runs 1..100 (higher is better); CRF 18 ≈ 70, CRF 28 ≈ 50.
      return {
        global: [],
        filters: [],
        codec: [
          '-c:v',
          hw.encoder,
          '-q:v',
          String(Math.max(1, Math.min(100, 106 - 2 * settings.crf))),
          '-pix_fmt',
          'yuv420p',
        ],
      };
    case 'mediafoundation':
      return {
        global: [],
        filters: [],
        codec: [
          '-c:v',
          hw.encoder,
          '-rate_control',
          'quality',
          '-quality',
          String(Math.max(1, 100 - 2 * settings.crf)),
          '-pix_fmt',
          'nv12',
        ],
      };
    case 'v4l2m2m':
    case 'vulkan':
      return {
        global: [],
        filters: [],
        codec: ['-c:v', hw.encoder, '-b:v', '6M', '-pix_fmt', 'yuv420p'],
      };
  }
}
