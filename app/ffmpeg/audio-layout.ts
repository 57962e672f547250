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

/** What one job asks of its encoded audio beyond the preset (app/jobs/settings.ts). */
export interface AudioShape {
  /** Keep each layout, or mix down to stereo or 5.1 (default: the preset's mixdown). */
  mix?: 'keep' | 'stereo' | '5.1' | undefined;
  /** Bit rate per output channel, replacing the preset's (still capped per encoder). */
  kbpsPerChannel?: number | undefined;
  /** Tracks copied as they are (passthrough): no layout filter, no bit rate. */
  copy?: ((stream: ProbeStream) => boolean) | undefined;
}

/** Channels a mix leaves at most: stereo 2, 5.1 6, keep all. */
const MIX_CHANNELS = { keep: Infinity, stereo: 2, '5.1': 6 } as const;

/** The output layout for one source track, and null when the source's is kept unchanged. */
export function targetLayout(
  settings: AudioSettings,
  stream: ProbeStream,
  mix: AudioShape['mix'] = settings.mixdown,
): { layout: string | null; channels: number } {
  const { declared, byCount } = LAYOUTS[settings.codec];
  const source = sourceLayout(stream);
  const channels = Math.max(1, stream.channels ?? 2);
  const most = MIX_CHANNELS[mix ?? 'keep'];
  if (channels <= most && source !== null && declared.has(source))
    return { layout: null, channels };
  const down = channels > most ? (mix === '5.1' && declared.has('5.1') ? '5.1' : 'stereo') : null;
  const layout = down ?? byCount[Math.min(channels, byCount.length) - 1] ?? 'stereo';
  return { layout, channels: CHANNELS[layout] ?? 2 };
}

/**
 * The preset's bit rate is for stereo; each output channel gets half of it (mono 0.5×,
 * 5.1 3×), or the job's own per-channel rate, at most the encoder's per-channel maximum.
 */
export function bitrateKbps(
  settings: AudioSettings,
  channels: number,
  kbpsPerChannel?: number,
): number | null {
  const asked = kbpsPerChannel ?? settingsPerChannel(settings);
  if (asked === undefined) return null;
  return Math.round(Math.min(asked, MAX_KBPS_PER_CHANNEL[settings.codec]) * channels);
}

function settingsPerChannel(settings: AudioSettings): number | undefined {
  return settings.bitrateKbps === undefined ? undefined : settings.bitrateKbps / 2;
}

/** Per-track codec, layout filter and bit rate, for output audio tracks 0..n-1 in order. */
export function audioTrackArgs(
  settings: AudioSettings,
  streams: readonly ProbeStream[],
  shape: AudioShape = {},
): string[] {
  return streams.flatMap((stream, n) => {
    if (shape.copy?.(stream) === true) return [`-c:a:${n}`, 'copy'];
    const { layout, channels } = targetLayout(settings, stream, shape.mix ?? settings.mixdown);
    const kbps = bitrateKbps(settings, channels, shape.kbpsPerChannel);
    return [
      ...(layout === null ? [] : [`-filter:a:${n}`, `aformat=channel_layouts=${layout}`]),
      ...(kbps === null ? [] : [`-b:a:${n}`, `${kbps}k`]),
    ];
  });
}
