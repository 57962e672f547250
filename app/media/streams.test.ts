import { describe, expect, it } from 'vitest';
import { mediaInfoFrom } from '../../test/fixtures/fixtures';
import type { ProbeStream } from './model';
import {
  audioStreams,
  describeStream,
  isAttachedPicture,
  isTextSubtitle,
  parseRational,
  parseSeconds,
  preferredStream,
  rotationOf,
  subtitleStreams,
  videoStreams,
} from './streams';

const mp4 = mediaInfoFrom('h264-aac2-movtext.mp4.json', '/in/x.mp4');
const hdr = mediaInfoFrom('hevc-hdr10.mkv.json', '/in/x.mkv');
const mp3 = mediaInfoFrom('cover-art.mp3.json', '/in/x.mp3');
const pgs = mediaInfoFrom('pgs-srt-2audio.mkv.json', '/in/y.mkv');
const indexes = (streams: readonly ProbeStream[]): number[] => streams.map((s) => s.index);

describe('parseRational', () => {
  it.each<[string | undefined, number | null]>([
    ['25/1', 25],
    ['25', 25],
    ['30000/1001', 30000 / 1001],
    ['24000/1001', 24000 / 1001],
    ['90000/1', 90000],
    ['1/12800', 1 / 12800],
    ['0/0', null],
    ['0/1', null],
    ['1/0', null],
    ['N/A', null],
    ['abc', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (value, expected) => {
    const result = parseRational(value);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 12);
  });
});

describe('parseSeconds', () => {
  it.each<[string | undefined, number | null]>([
    ['3.000000', 3],
    ['2.037551', 2.037551],
    ['0.000000', 0],
    ['N/A', null],
    ['-0.007000', null],
    ['abc', null],
    [undefined, null],
  ])('%s → %s', (value, expected) => {
    expect(parseSeconds(value)).toBe(expected);
  });

  it('reads the recorded container durations', () => {
    expect([mp4, hdr, mp3, pgs].map((i) => i.durationSec)).toEqual([3, 2.008, 2.037551, 3.023]);
  });
});

describe('rotationOf', () => {
  const stream = (extra: Partial<ProbeStream>): ProbeStream => ({
    index: 0,
    codec_type: 'video',
    ...extra,
  });
  it.each<[string, ProbeStream, number]>([
    ['the recorded MP4 display matrix', mp4.streams[0] ?? stream({}), 90],
    ['no side data and no tag', stream({}), 0],
    [
      'side data rotation -90',
      stream({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }),
      -90,
    ],
    [
      'side data rotation 180',
      stream({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] }),
      180,
    ],
    ['an old-style rotate tag', stream({ tags: { rotate: '270' } }), 270],
    [
      'side data wins over the tag',
      stream({ side_data_list: [{ rotation: -90 }], tags: { rotate: '90' } }),
      -90,
    ],
    [
      'side data of rotation 0 still wins',
      stream({ side_data_list: [{ rotation: 0 }], tags: { rotate: '90' } }),
      0,
    ],
    [
      'HDR side data without a rotation',
      stream({
        side_data_list: [{ side_data_type: 'Content light level metadata', max_content: 1000 }],
      }),
      0,
    ],
    ['a garbage rotate tag', stream({ tags: { rotate: 'sideways' } }), 0],
  ])('%s → %i', (_name, s, expected) => {
    expect(rotationOf(s)).toBe(expected);
  });

  it('is 0 for every other recorded stream', () => {
    for (const info of [hdr, mp3, pgs]) for (const s of info.streams) expect(rotationOf(s)).toBe(0);
  });
});

describe('stream pickers on recorded probes', () => {
  it.each([
    ['mp4: H.264 + 2 AAC + mov_text + chapter data', mp4, [0], [1, 2], [3]],
    ['mkv: HEVC HDR + Opus', hdr, [0], [1], []],
    ['mp3 with cover art: the picture is not a video stream', mp3, [], [0], []],
    ['mkv: H.264 + 2 AAC + PGS + SubRip', pgs, [0], [1, 2], [3, 4]],
  ])('%s', (_name, info, video, audio, subtitles) => {
    expect(indexes(videoStreams(info))).toEqual(video);
    expect(indexes(audioStreams(info))).toEqual(audio);
    expect(indexes(subtitleStreams(info))).toEqual(subtitles);
  });

  it('recognises cover art as an attached picture and nothing else', () => {
    expect(mp3.streams.map(isAttachedPicture)).toEqual([false, true]);
    expect([...mp4.streams, ...hdr.streams, ...pgs.streams].some(isAttachedPicture)).toBe(false);
  });

  it.each([
    ['the default track when it comes first (eng)', audioStreams(mp4), 1],
    ['the default track when it comes second (spa)', audioStreams(pgs), 2],
    ['the first track when none is default', audioStreams(hdr), 1],
    ['the only track', audioStreams(mp3), 0],
  ])('preferredStream picks %s', (_name, streams, expected) => {
    expect(preferredStream(streams)?.index).toBe(expected);
  });

  it('preferredStream of nothing is undefined', () => {
    expect(preferredStream([])).toBeUndefined();
  });
});

describe('isTextSubtitle', () => {
  it.each<[string, boolean]>([
    ['mov_text', true],
    ['subrip', true],
    ['srt', true],
    ['ass', true],
    ['ssa', true],
    ['webvtt', true],
    ['text', true],
    ['hdmv_pgs_subtitle', false],
    ['dvd_subtitle', false],
    ['dvb_subtitle', false],
    ['xsub', false],
  ])('%s → %s', (codec, text) => {
    expect(isTextSubtitle({ index: 0, codec_type: 'subtitle', codec_name: codec })).toBe(text);
  });

  it('classifies the recorded subtitle tracks', () => {
    expect(subtitleStreams(mp4).map(isTextSubtitle)).toEqual([true]);
    expect(subtitleStreams(pgs).map(isTextSubtitle)).toEqual([false, true]);
  });

  it('treats a subtitle with no codec name as a picture (never converted as text)', () => {
    expect(isTextSubtitle({ index: 0, codec_type: 'subtitle' })).toBe(false);
  });
});

describe('describeStream', () => {
  it.each<[string, ProbeStream | undefined, string]>([
    ['H.264 video', mp4.streams[0], '#0 video, h264, 320x240, 25 fps'],
    ['AAC eng', mp4.streams[1], '#1 audio, aac, 1 ch, 48000 Hz, eng'],
    ['mov_text eng', mp4.streams[3], '#3 subtitle, mov_text, eng'],
    [
      'und is not shown',
      { index: 7, codec_type: 'audio', codec_name: 'aac', tags: { language: 'und' } },
      '#7 audio, aac',
    ],
    ['cover art, not 90000 fps', mp3.streams[1], '#1 video, png, 64x64, cover art'],
    ['PGS', pgs.streams[3], '#3 subtitle, hdmv_pgs_subtitle, 320x240, eng'],
    [
      'NTSC rate',
      { index: 0, codec_type: 'video', codec_name: 'h264', avg_frame_rate: '30000/1001' },
      '#0 video, h264, 29.97 fps',
    ],
    ['unknown everything', { index: 2 }, '#2 unknown, ?'],
  ])('%s', (_name, stream, expected) => {
    expect(stream).toBeDefined();
    if (stream !== undefined) expect(describeStream(stream)).toBe(expected);
  });
});
