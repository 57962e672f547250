import { describe, expect, it } from 'vitest';
import { loadBuiltInPresets, mediaInfoFrom } from '../../test/fixtures/fixtures';
import type { MediaInfo, ProbeStream } from '../media/model';
import type { AudioSettings, Preset } from '../presets/schema';
import { buildConvertArgs } from './convert-args';

// Audio the target codec signals properly: a layout the encoder declares, the preset's
// mixdown, and a bit rate sized to each track's channels.

const presets = loadBuiltInPresets();
const preset = (id: string): Preset => {
  const found = presets.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no preset ${id}`);
  return found;
};
const base = mediaInfoFrom('pgs-srt-2audio.mkv.json', '/in/x.mkv');

/** The fixture with its two audio tracks given these channel counts and layouts. */
function withAudio(...tracks: [number, string | undefined][]): MediaInfo {
  let n = 0;
  const streams = base.streams.map((s): ProbeStream => {
    if (s.codec_type !== 'audio') return s;
    const [channels, layout] = tracks[n++] ?? [2, 'stereo'];
    return { ...s, channels, channel_layout: layout };
  });
  return { ...base, streams };
}

/** Per-track options in output order, as `option value` strings. */
function trackArgs(p: Preset, media: MediaInfo): string[] {
  const { args } = buildConvertArgs({ preset: p, info: media, output: '/out/o.tmp' });
  return args.flatMap((a, i) => (/^-(filter|b):a:\d$/.test(a) ? [`${a} ${args[i + 1]}`] : []));
}

const audio = (id: string, settings: Partial<AudioSettings>): Preset => {
  const p = preset(id);
  if (p.audio === 'copy') throw new Error(id);
  return { ...p, audio: { ...p.audio, ...settings } };
};

describe('channel layouts and bit rates', () => {
  it('maps 5.1(side) to 5.1 for AAC at three times the stereo rate; stereo stays as is', () => {
    expect(trackArgs(preset('hevc-mkv'), withAudio([6, '5.1(side)'], [2, 'stereo']))).toEqual([
      '-filter:a:0 aformat=channel_layouts=5.1',
      '-b:a:0 480k',
      '-b:a:1 160k',
    ]);
  });

  it.each([
    ['aac', 8, '7.1(wide)', '7.1', 8],
    ['aac', 6, undefined, '5.1', 6],
    ['aac', 6, 'unknown', '5.1', 6],
    ['aac', 7, '6.1', '7.1', 8],
    ['aac', 5, '5.0(side)', '5.0', 5],
    ['aac', 10, undefined, '7.1', 8],
    ['libopus', 6, '5.1(side)', '5.1', 6],
    ['libopus', 8, '7.1(wide)', '7.1', 8],
    ['libopus', 3, '2.1', '3.0', 3],
  ] as const)('%s: %i channels in %s become %s', (codec, channels, from, to, out) => {
    const p = audio('hevc-mkv', { codec, bitrateKbps: 128 });
    expect(trackArgs(p, withAudio([channels, from]))).toEqual([
      `-filter:a:0 aformat=channel_layouts=${to}`,
      `-b:a:0 ${64 * out}k`,
      '-b:a:1 128k',
    ]);
  });

  it('keeps layouts the encoder declares, mono at half the stereo rate', () => {
    expect(trackArgs(preset('hevc-mkv'), withAudio([1, 'mono'], [6, '5.1']))).toEqual([
      '-b:a:0 80k',
      '-b:a:1 480k',
    ]);
    expect(trackArgs(preset('opus'), withAudio([7, '6.1'], [7, '6.1']))).toEqual(['-b:a:0 448k']);
  });

  it('caps the rate at the encoder maximum per channel', () => {
    const p = audio('hevc-mkv', { bitrateKbps: 1536 });
    expect(trackArgs(p, withAudio([2, 'stereo'], [6, '5.1']))).toEqual([
      '-b:a:0 512k',
      '-b:a:1 1536k',
    ]);
  });

  it('mixes surround down to stereo when the preset asks, and leaves mono alone', () => {
    expect(trackArgs(preset('h264-mp4'), withAudio([6, '5.1(side)'], [1, 'mono']))).toEqual([
      '-filter:a:0 aformat=channel_layouts=stereo',
      '-b:a:0 160k',
      '-b:a:1 80k',
    ]);
  });

  it('MP3 takes at most stereo; FLAC keeps what it can store and has no bit rate', () => {
    const [mp3, flac] = [preset('mp3'), preset('flac')];
    const surround = withAudio([6, '5.1(side)'], [6, '5.1(side)']);
    expect(trackArgs(mp3, surround)).toEqual(['-filter:a:0 aformat=channel_layouts=stereo']);
    expect(trackArgs(flac, surround)).toEqual([]);
    expect(trackArgs(flac, withAudio([3, '2.1'], [3, '2.1']))).toEqual([
      '-filter:a:0 aformat=channel_layouts=3.0',
    ]);
    expect(trackArgs(audio('flac', { mixdown: 'stereo' }), surround)).toEqual([
      '-filter:a:0 aformat=channel_layouts=stereo',
    ]);
  });
});
