import type { ProbeStream } from '../media/model';
import type { AudioSettings } from '../presets/schema';

// Audio the target codec signals properly: each output track gets a channel layout its
// encoder declares (ffmpeg's AAC encoder writes 5.1(side) as layout "unknown"; libopus
// refuses it), the preset's mixdown, and a bit rate sized to its channel count.

type Codec = AudioSettings['codec'];

interface CodecLayouts {
  /** Layouts the encoder writes as such (checked with ffmpeg 5.1 and ffprobe). */
  declared: ReadonlySet<string>;
  /** The layout for n channels at index n - 1; more channels take the last. */
  byCount: readonly string[];
}

const LAYOUTS: Record<Codec, CodecLayouts> = {
  aac: {
    declared: new Set(['mono', 'stereo', '2.1', '3.0', '4.0', 'quad', '5.0', '5.1', '7.1']),
    // 6.1 (7 channels) spreads its back centre over the 7.1 back pair.
    byCount: ['mono', 'stereo', '3.0', 'quad', '5.0', '5.1', '7.1', '7.1'],
  },
  libopus: {
    declared: new Set(['mono', 'stereo', '3.0', 'quad', '5.0', '5.1', '6.1', '7.1']),
    byCount: ['mono', 'stereo', '3.0', 'quad', '5.0', '5.1', '6.1', '7.1'],
  },
  libmp3lame: { declared: new Set(['mono', 'stereo']), byCount: ['mono', 'stereo'] },
  flac: {
    declared: new Set([
      ...['mono', 'stereo', '3.0', 'quad', '5.0', '5.0(side)', '5.1', '5.1(side)'],
      ...['6.1', '7.1', '7.1(wide)'],
    ]),
    byCount: ['mono', 'stereo', '3.0', 'quad', '5.0', '5.1', '6.1', '7.1'],
  },
};

/** Channels in each layout this file may choose. */
const CHANNELS: Record<string, number> = {
  mono: 1,
  stereo: 2,
  '3.0': 3,
  quad: 4,
  '5.0': 5,
  '5.1': 6,
  '6.1': 7,
  '7.1': 8,
};

/** The most each encoder takes per channel, in kb/s (MP3: 320 for stereo). */
const MAX_KBPS_PER_CHANNEL: Record<Codec, number> = {
  aac: 256,
  libopus: 256,
  libmp3lame: 160,
  flac: Infinity,
};

/** ffmpeg's name for the layout its decoder gives this stream, or null when it has none. */
function sourceLayout(stream: ProbeStream): string | null {
  const layout = stream.channel_layout;
  return layout === undefined || layout === '' || layout === 'unknown' ? null : layout;
}

/** The output layout for one source track, and null when the source's is kept unchanged. */
export function targetLayout(
  settings: AudioSettings,
  stream: ProbeStream,
): { layout: string | null; channels: number } {
  const { declared, byCount } = LAYOUTS[settings.codec];
  const source = sourceLayout(stream);
  const channels = Math.max(1, stream.channels ?? 2);
  const stereo = settings.mixdown === 'stereo' && channels > 2;
  if (!stereo && source !== null && declared.has(source)) return { layout: null, channels };
  const layout = stereo ? 'stereo' : (byCount[Math.min(channels, byCount.length) - 1] ?? 'stereo');
  return { layout, channels: CHANNELS[layout] ?? 2 };
}

/**
 * The preset's bit rate is for stereo; each output channel gets half of it (mono 0.5×,
 * 5.1 3×), at most the encoder's per-channel maximum.
 */
export function bitrateKbps(settings: AudioSettings, channels: number): number | null {
  if (settings.bitrateKbps === undefined) return null;
  const perChannel = Math.min(settings.bitrateKbps / 2, MAX_KBPS_PER_CHANNEL[settings.codec]);
  return Math.round(perChannel * channels);
}

/** Per-track layout filter and bit rate, for output audio tracks 0..n-1 in order. */
export function audioTrackArgs(settings: AudioSettings, streams: readonly ProbeStream[]): string[] {
  return streams.flatMap((stream, n) => {
    const { layout, channels } = targetLayout(settings, stream);
    const kbps = bitrateKbps(settings, channels);
    return [
      ...(layout === null ? [] : [`-filter:a:${n}`, `aformat=channel_layouts=${layout}`]),
      ...(kbps === null ? [] : [`-b:a:${n}`, `${kbps}k`]),
    ];
  });
}
