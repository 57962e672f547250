import { describe, expect, it } from 'vitest';
import { mediaInfoFrom, PROBE_FIXTURES, rawProbe, readFixture } from '../../test/fixtures/fixtures';
import { FfprobeOutputSchema, MediaInfoSchema, SideDataSchema } from './model';

// Recorded with ffprobe 5.1 by test/fixtures/record.sh, with the command of
// app/ffmpeg/safety.ts (probeArgs).

describe('FfprobeOutputSchema on recorded ffprobe 5.1 JSON', () => {
  it.each(PROBE_FIXTURES)('%s parses and keeps every field, known or not', (name) => {
    const raw = rawProbe(name);
    const parsed = FfprobeOutputSchema.parse(raw);
    // Nothing dropped, nothing renamed: the model is ffprobe's JSON, validated.
    expect(parsed).toEqual(raw);
    expect(parsed.streams.length).toBeGreaterThan(0);
    expect(parsed.format?.filename).toBe(`file:/fixture/${name.replace(/\.json$/, '')}`);
  });

  it.each(PROBE_FIXTURES)('%s becomes a valid MediaInfo', (name) => {
    const info = mediaInfoFrom(name, '/in/x');
    expect(MediaInfoSchema.parse(info)).toEqual(info);
    expect(info.durationSec).toBeGreaterThan(1.9);
    expect(info.sizeBytes).toBeGreaterThan(1000);
  });

  it('keeps fields the model does not name (refs, extradata_size, is_avc, codec_tag, chapter start)', () => {
    const probe = FfprobeOutputSchema.parse(rawProbe('h264-aac2-movtext.mp4.json'));
    const video = probe.streams[0];
    expect(video).toMatchObject({
      refs: 1,
      extradata_size: 37,
      is_avc: 'true',
      codec_tag: '0x31637661',
      has_b_frames: 0,
    });
    expect(probe.chapters[1]).toMatchObject({
      id: 1,
      start: 1500,
      end: 3000,
      start_time: '1.500000',
      end_time: '3.000000',
    });
    expect(probe.format).toMatchObject({ probe_score: 100, nb_streams: 5 });
  });

  it('keeps tags, disposition and the display matrix of the MP4', () => {
    const { streams, chapters, format } = FfprobeOutputSchema.parse(
      rawProbe('h264-aac2-movtext.mp4.json'),
    );
    expect(streams.map((s) => [s.index, s.codec_type, s.codec_name])).toEqual([
      [0, 'video', 'h264'],
      [1, 'audio', 'aac'],
      [2, 'audio', 'aac'],
      [3, 'subtitle', 'mov_text'],
      // ffmpeg writes MP4 chapters as a text track as well, which ffprobe shows as data.
      [4, 'data', 'bin_data'],
    ]);
    expect(streams.map((s) => s.tags?.language)).toEqual(['und', 'eng', 'fra', 'eng', 'eng']);
    expect(streams.map((s) => s.disposition?.default)).toEqual([1, 1, 0, 1, 0]);
    expect(streams[0]?.disposition).toHaveProperty('attached_pic', 0);
    // `-metadata:s:v:0 rotate=90` on a stream copy: ffmpeg 5.1 writes a display matrix,
    // and ffprobe reports it as side data with rotation 90 (and no rotate tag).
    const sideData = streams[0]?.side_data_list ?? [];
    expect(sideData).toHaveLength(1);
    expect(sideData[0]).toMatchObject({ side_data_type: 'Display Matrix', rotation: 90 });
    expect(sideData[0]?.displaymatrix).toContain('65536');
    expect(streams[0]?.tags).not.toHaveProperty('rotate');
    expect(chapters.map((c) => c.tags?.title)).toEqual(['Opening', 'Ending']);
    expect(format?.tags?.title).toBe('Framewright fixture');
  });

  it('keeps the HDR10 colour description of the HEVC MKV', () => {
    const { streams } = FfprobeOutputSchema.parse(rawProbe('hevc-hdr10.mkv.json'));
    expect(streams[0]).toMatchObject({
      codec_name: 'hevc',
      profile: 'Main 10',
      pix_fmt: 'yuv420p10le',
      color_space: 'bt2020nc',
      color_transfer: 'smpte2084',
      color_primaries: 'bt2020',
      color_range: 'tv',
    });
    // What ffprobe 5.1 really shows: a Matroska file written by ffmpeg 5.1 carries no
    // stream-level mastering display or content light level; they live in the frames.
    expect(streams[0]?.side_data_list).toBeUndefined();
    expect(streams[0]?.tags).toMatchObject({ ENCODER: 'Lavc59.37.100 libx265' });
  });

  it('reads HDR10 mastering display and content light level side data (first frame)', () => {
    const frames = (
      JSON.parse(readFixture('probe/hevc-hdr10.first-frame.json')) as {
        frames: { side_data_list: unknown[] }[];
      }
    ).frames;
    const sideData = (frames[0]?.side_data_list ?? []).map((d) => SideDataSchema.parse(d));
    expect(sideData.find((d) => d.side_data_type === 'Mastering display metadata')).toMatchObject({
      red_x: '34000/50000',
      green_y: '34500/50000',
      white_point_x: '15635/50000',
      max_luminance: '10000000/10000',
      min_luminance: '1/10000',
    });
    expect(sideData.find((d) => d.side_data_type === 'Content light level metadata')).toEqual({
      side_data_type: 'Content light level metadata',
      max_content: 1000,
      max_average: 400,
    });
  });

  it('marks the MP3 cover art as an attached picture and keeps its tags', () => {
    const { streams, format } = FfprobeOutputSchema.parse(rawProbe('cover-art.mp3.json'));
    expect(streams[1]).toMatchObject({
      codec_type: 'video',
      codec_name: 'png',
      tags: { title: 'Album cover', comment: 'Cover (front)' },
    });
    expect(streams[1]?.disposition).toMatchObject({ attached_pic: 1, default: 0 });
    expect(format?.tags).toMatchObject({ title: 'Fixture tone', artist: 'Framewright' });
  });

  it('keeps the picture subtitle, the text subtitle and the default flag of the second audio track in the MKV', () => {
    const { streams } = FfprobeOutputSchema.parse(rawProbe('pgs-srt-2audio.mkv.json'));
    expect(streams.map((s) => s.codec_name)).toEqual([
      'h264',
      'aac',
      'aac',
      'hdmv_pgs_subtitle',
      'subrip',
    ]);
    expect(streams.map((s) => s.disposition?.default)).toEqual([0, 0, 1, 0, 0]);
    expect(streams.map((s) => s.tags?.language)).toEqual([undefined, 'eng', 'spa', 'eng', 'deu']);
  });

  it.each<[string, unknown]>([
    ['a stream without an index', { streams: [{ codec_type: 'video' }] }],
    ['a negative stream index', { streams: [{ index: -1 }] }],
    ['streams that are not a list', { streams: {} }],
    ['a tag that is not a string', { streams: [{ index: 0, tags: { language: 5 } }] }],
    [
      'a disposition that is not a number',
      { streams: [{ index: 0, disposition: { default: 'yes' } }] },
    ],
    [
      'a rotation that is not a number',
      { streams: [{ index: 0, side_data_list: [{ rotation: '90' }] }] },
    ],
    ['a chapter without an id', { chapters: [{ start_time: '0' }] }],
    ['not an object', 'ffprobe: error'],
  ])('rejects %s', (_name, data) => {
    expect(FfprobeOutputSchema.safeParse(data).success).toBe(false);
  });

  it('fills missing lists with empty ones (ffprobe leaves out sections it was not asked for)', () => {
    expect(FfprobeOutputSchema.parse({ format: { format_name: 'wav' } })).toEqual({
      format: { format_name: 'wav' },
      streams: [],
      chapters: [],
      programs: [],
    });
  });
});
