import type { HwCodec } from './model';

// Parses what an ffmpeg build says it contains. "Compiled in" is only the first
// question: a cell is tested for real before it may say available (docs/ARCHITECTURE.md, Rule 6).

/** Names from `ffmpeg -hide_banner -encoders` or `-decoders` (lines like " V....D h264_nvenc  NVIDIA…"). */
export function parseCodecList(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const match = /^\s*[VAS][A-Z.]{5}\s+(\S+)\s/.exec(line);
    if (match?.[1] !== undefined && match[1] !== '=') names.add(match[1]);
  }
  return names;
}

/** Device types from `ffmpeg -hide_banner -hwaccels`. */
export function parseHwaccels(text: string): Set<string> {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith('Hardware acceleration methods'));
  return new Set(lines.slice(start + 1).filter((l) => /^[a-z0-9_]+$/.test(l)));
}

/** Device types a native decoder accepts, from `ffmpeg -hide_banner -h decoder=NAME`. */
export function parseDecoderHwDevices(text: string): Set<string> {
  const line = /Supported hardware devices:\s*(.*)/.exec(text)?.[1] ?? '';
  return new Set(line.split(/\s+/).filter((s) => s.length > 0));
}

/** ffmpeg's native decoder for each codec (asked with -h decoder=…). */
export const NATIVE_DECODERS: Record<HwCodec, string> = {
  h264: 'h264',
  hevc: 'hevc',
  av1: 'av1',
  vp9: 'vp9',
};

export interface BuildCapabilities {
  encoders: Set<string>;
  decoders: Set<string>;
  hwaccels: Set<string>;
  /** Per codec, the device types its native decoder can use. */
  decoderDevices: Record<HwCodec, Set<string>>;
}
