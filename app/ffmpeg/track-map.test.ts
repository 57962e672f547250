import { describe, expect, it } from 'vitest';
import { loadBuiltInPresets, mediaInfoFrom } from '../../test/fixtures/fixtures';
import { mainStreamsOnly, unusableReason } from '../media/streams';
import { buildConvertArgs } from './convert-args';
import { mapTracks } from './track-map';

// Damaged files list streams that cannot be decoded; mapping one explicitly fails the
// whole run (ffmpeg: "Value inf for parameter 'time_base'"). Recorded on a zzuf-damaged
// transport stream whose program table gained a phantom mp3 track with sample rate 0.

const damaged = mediaInfoFrom('damaged-phantom-audio.ts.json', '/in/damaged.ts');
const preset = (id: string) => {
  const found = loadBuiltInPresets().find((p) => p.id === id);
  if (found === undefined) throw new Error(`no preset ${id}`);
  return found;
};

describe('streams that cannot be used', () => {
  it('the recording holds a phantom audio track', () => {
    const phantom = damaged.streams.filter(
      (s) => ['audio', 'video'].includes(s.codec_type ?? '') && unusableReason(s) !== null,
    );
    expect(phantom.map((s) => [s.index, s.codec_type, s.sample_rate])).toEqual([[2, 'audio', '0']]);
  });

  it('are left out of the maps, each named in a warning', () => {
    const tracks = mapTracks(preset('h264-mp4'), damaged);
    expect(tracks.video?.index).toBe(0);
    expect(tracks.audio.map((s) => s.index)).not.toContain(2);
    expect(tracks.warnings).toContain(
      'Audio track #2 (mp3) was left out: it has no sample rate, so it cannot be converted.',
    );
    const { args } = buildConvertArgs({
      preset: preset('hevc-mkv'),
      info: damaged,
      output: '/out/x.mkv',
    });
    expect(args.join(' ')).not.toMatch(/-map 0:2\b/);
  });

  it.each([
    [{ codec_type: 'video', codec_name: 'unknown', width: 0, height: 0 }, 'its codec is unknown'],
    [{ codec_type: 'video', codec_name: 'h264', width: 0, height: 0 }, 'it has no picture size'],
    [{ codec_type: 'audio', codec_name: 'aac', sample_rate: '0' }, 'it has no sample rate'],
    [
      { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 0 },
      'it has no channels',
    ],
    [{ codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2 }, null],
    [{ codec_type: 'video', codec_name: 'h264', width: 333, height: 277 }, null],
  ])('%j: %s', (stream, reason) => {
    expect(unusableReason({ index: 0, ...stream })).toBe(reason);
  });

  it('the fallback keeps only the main video and the preferred usable audio', () => {
    const slim = mainStreamsOnly(damaged);
    expect(slim.streams.map((s) => s.index)).toEqual([0, 1]);
    expect(mapTracks(preset('h264-mp4'), slim).warnings).toEqual([]);
  });
});
