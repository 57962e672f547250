import { describe, expect, it } from 'vitest';
import {
  loadBuiltInPresets,
  mediaInfoFrom,
  PROBE_FIXTURES,
  type ProbeFixture,
} from '../../test/fixtures/fixtures';
import { PlanSchema } from '../jobs/plan';
import type { MediaInfo, ProbeStream } from '../media/model';
import {
  isAttachedPicture,
  isTextSubtitle,
  preferredStream,
  unusableReason,
} from '../media/streams';
import type { Container, Preset } from '../presets/schema';
import { buildConvertArgs, buildConvertPlan } from './convert-args';
import { FFMPEG_PREFIX, hasPrefix } from './safety';
import { mapTracks } from './track-map';

// Every built-in preset against every recorded ffprobe 5.1 probe (test/fixtures/record.sh).

const presets = loadBuiltInPresets();
const preset = (id: string): Preset => {
  const found = presets.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no preset ${id}`);
  return found;
};
const INPUT_PATH: Record<ProbeFixture, string> = {
  'h264-aac2-movtext.mp4.json': '/in/x.mp4',
  'hevc-hdr10.mkv.json': '/in/hdr.mkv',
  'cover-art.mp3.json': '/in/song.mp3',
  // A name ffmpeg would read as an option or a protocol without the file: prefix.
  'pgs-srt-2audio.mkv.json': '/in/-dash: and space.mkv',
  'damaged-phantom-audio.ts.json': '/in/damaged.ts',
};
const info = (name: ProbeFixture): MediaInfo => mediaInfoFrom(name, INPUT_PATH[name]);

/** What each container does with text and picture subtitles (null: dropped with a warning). */
const SUBTITLES: Record<Container, { text: string | null; picture: string | null }> = {
  matroska: { text: 'copy', picture: 'copy' },
  webm: { text: 'webvtt', picture: null },
  mp4: { text: 'mov_text', picture: null },
  ipod: { text: 'mov_text', picture: null },
  mp3: { text: null, picture: null },
  ogg: { text: null, picture: null },
  flac: { text: null, picture: null },
};

/** An argument list written as one line (no argument here holds a space). */
const words = (line: string): string[] => line.split(' ');

/** Values following each occurrence of an option. */
function valuesOf(args: readonly string[], option: string): string[] {
  return args.flatMap((a, i) => (a === option ? [args[i + 1] ?? ''] : []));
}
/** `-map 0:N` targets, as stream indexes. */
function mappedIndexes(args: readonly string[]): number[] {
  return valuesOf(args, '-map')
    .filter((v) => /^0:\d+$/.test(v))
    .map((v) => Number(v.slice(2)));
}

const cases = presets.flatMap((p) => PROBE_FIXTURES.map((f) => [p.id, f] as const));

describe.each(cases)('%s × %s', (presetId, fixture) => {
  const p = preset(presetId);
  const media = info(fixture);
  const output = `/out/.framewright-tmp-1${p.extension}`;
  const { args, warnings } = buildConvertArgs({ preset: p, info: media, output });
  const maps = mappedIndexes(args);
  const byIndex = (i: number): ProbeStream | undefined => media.streams.find((s) => s.index === i);
  const audioOnly = p.video === 'none';

  it('starts with the safety prefix and reads exactly one input as file:/abs', () => {
    expect(hasPrefix(args, FFMPEG_PREFIX)).toBe(true);
    expect(args.slice(FFMPEG_PREFIX.length, FFMPEG_PREFIX.length + 2)).toEqual([
      '-i',
      `file:${media.path}`,
    ]);
    expect(valuesOf(args, '-i')).toEqual([`file:${media.path}`]);
    expect(args.every((a) => typeof a === 'string' && !a.includes('\n'))).toBe(true);
  });

  it('ends with -f <container> and the file: output, which appears nowhere else', () => {
    expect(args.slice(-3)).toEqual(['-f', p.container, `file:${output}`]);
    expect(valuesOf(args, '-f')).toEqual([p.container]);
    expect(args.filter((a) => a.includes(output))).toHaveLength(1);
  });

  it('maps the first real video stream (never cover art), or none for audio-only presets', () => {
    const videos = maps.map(byIndex).filter((s) => s?.codec_type === 'video');
    expect(videos.some((s) => s !== undefined && isAttachedPicture(s))).toBe(false);
    const firstReal = media.streams.find((s) => s.codec_type === 'video' && !isAttachedPicture(s));
    expect(videos.map((s) => s?.index)).toEqual(
      audioOnly || firstReal === undefined ? [] : [firstReal.index],
    );
    if (audioOnly) {
      expect(args).toContain('-vn');
      expect(args).not.toContain('-c:v');
    }
    // Data tracks (the MP4 chapter text track) are never mapped.
    expect(maps.map(byIndex).some((s) => s?.codec_type === 'data')).toBe(false);
  });

  it('maps every audio track for video presets, and only the default one for audio-only presets', () => {
    // Tracks that cannot be decoded are left out first (see track-map.test.ts).
    const audio = media.streams.filter(
      (s) => s.codec_type === 'audio' && unusableReason(s) === null,
    );
    const mappedAudio = maps.filter((i) => byIndex(i)?.codec_type === 'audio');
    if (p.allAudioTracks) {
      expect(mappedAudio).toEqual(audio.map((s) => s.index));
      expect(warnings.some((w) => w.includes('one audio track'))).toBe(false);
    } else {
      const chosen = preferredStream(audio);
      expect(mappedAudio).toEqual(chosen ? [chosen.index] : []);
      const dropped = audio.filter((s) => s !== chosen);
      const warning = warnings.find((w) => w.includes('one audio track'));
      if (dropped.length === 0) expect(warning).toBeUndefined();
      else
        for (const s of dropped)
          expect(warning).toContain(`#${s.index} (${s.codec_name}, ${s.tags?.language})`);
    }
  });

  it('keeps subtitles the container can carry, converting text, and warns for the rest', () => {
    const support = SUBTITLES[p.container];
    const subtitles = media.streams.filter((s) => s.codec_type === 'subtitle');
    const kept: [number, string][] = [];
    for (const s of subtitles) {
      const text = isTextSubtitle(s);
      const codec = text ? support.text : support.picture;
      if (codec === null) {
        expect(
          warnings.some(
            (w) =>
              w.startsWith(`Subtitle track #${s.index} (`) &&
              w.includes(text ? 'cannot carry subtitles' : 'picture-based'),
          ),
        ).toBe(true);
      } else {
        // Matroska cannot hold mov_text: it becomes SubRip.
        kept.push([s.index, codec === 'copy' && s.codec_name === 'mov_text' ? 'srt' : codec]);
      }
    }
    expect(maps.filter((i) => byIndex(i)?.codec_type === 'subtitle')).toEqual(kept.map(([i]) => i));
    expect(kept.map((_, n) => valuesOf(args, `-c:s:${n}`)[0])).toEqual(
      kept.map(([, codec]) => codec),
    );
    expect(args.filter((a) => a.startsWith('-c:s:'))).toHaveLength(kept.length);
  });

  it('sets codecs, pixel format, faststart and metadata as the preset says', () => {
    if (p.video === 'copy')
      expect(valuesOf(args, '-c:v')).toEqual(
        maps.some((i) => byIndex(i)?.codec_type === 'video') ? ['copy'] : [],
      );
    if (typeof p.video === 'object' && maps.some((i) => byIndex(i)?.codec_type === 'video')) {
      expect(valuesOf(args, '-c:v')).toEqual([p.video.codec]);
      expect(valuesOf(args, '-crf')).toEqual([String(p.video.crf)]);
      expect(valuesOf(args, '-pix_fmt')).toEqual(p.video.pixelFormat ? [p.video.pixelFormat] : []);
    }
    const audioCodec = p.audio === 'copy' ? 'copy' : p.audio.codec;
    expect(valuesOf(args, '-c:a')).toEqual([audioCodec]);
    expect(valuesOf(args, '-movflags')).toEqual(p.faststart ? ['+faststart'] : []);
    expect(valuesOf(args, '-map_metadata')).toEqual(['0']);
    expect(valuesOf(args, '-map_chapters')).toEqual(['0']);
    expect(valuesOf(args, '-map').filter((v) => v === '0:t?')).toHaveLength(
      p.video === 'copy' && p.audio === 'copy' ? 1 : 0,
    );
  });

  it('gives the same arguments every time and a valid one-step plan', () => {
    expect(buildConvertArgs({ preset: p, info: media, output })).toMatchObject({ args, warnings });
    const plan = PlanSchema.parse(buildConvertPlan({ preset: p, info: media, output }));
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({
      program: 'ffmpeg',
      args,
      durationSec: media.durationSec,
      outputs: [output],
    });
    expect(plan.warnings).toEqual(warnings);
  });
});

describe('convert arguments, case by case', () => {
  const out = '/out/o.tmp';

  it('h264-mp4 on the MP4: H.264 yuv420p + both AAC tracks + mov_text, faststart', () => {
    const { args, warnings } = buildConvertArgs({
      preset: preset('h264-mp4'),
      info: info('h264-aac2-movtext.mp4.json'),
      output: out,
    });
    expect(args.slice(FFMPEG_PREFIX.length)).toEqual(
      words(
        '-i file:/in/x.mp4 -map 0:0 -map 0:1 -map 0:2 -map 0:3 -c:v libx264 -crf 22 -preset medium -pix_fmt yuv420p -fps_mode passthrough -c:a aac -b:a:0 80k -b:a:1 80k -c:s:0 mov_text -map_metadata 0 -map_chapters 0 -dn -movflags +faststart -f mp4 file:/out/o.tmp',
      ),
    );
    expect(warnings).toEqual([]);
  });

  it('remux-mkv on the MP4: copies, turns mov_text into SubRip, keeps attachments', () => {
    const { args, warnings } = buildConvertArgs({
      preset: preset('remux-mkv'),
      info: info('h264-aac2-movtext.mp4.json'),
      output: out,
    });
    expect(args.slice(FFMPEG_PREFIX.length)).toEqual(
      words(
        '-i file:/in/x.mp4 -map 0:0 -map 0:1 -map 0:2 -map 0:3 -map 0:t? -c:v copy -c:a copy -c:s:0 srt -map_metadata 0 -map_chapters 0 -dn -max_muxing_queue_size 4096 -f matroska file:/out/o.tmp',
      ),
    );
    expect(warnings).toEqual([]);
  });

  it('vp9-webm on the MKV: PGS dropped with a warning, SubRip becomes WebVTT, Opus audio', () => {
    const { args, warnings } = buildConvertArgs({
      preset: preset('vp9-webm'),
      info: info('pgs-srt-2audio.mkv.json'),
      output: out,
    });
    expect(mappedIndexes(args)).toEqual([0, 1, 2, 4]);
    expect(valuesOf(args, '-c:s:0')).toEqual(['webvtt']);
    expect(args).toEqual(
      expect.arrayContaining([
        '-c:v',
        'libvpx-vp9',
        '-b:v',
        '0',
        '-deadline',
        'good',
        '-row-mt',
        '1',
        '-cpu-used',
        '4',
      ]),
    );
    // Mono tracks keep their layout and get half the stereo rate each.
    expect(args.filter((a) => a.startsWith('-filter') || a === '-af')).toEqual([]);
    expect([...valuesOf(args, '-b:a:0'), ...valuesOf(args, '-b:a:1')]).toEqual(['64k', '64k']);
    expect(warnings).toEqual([
      'Subtitle track #3 (hdmv_pgs_subtitle, eng) was dropped: VP9 WebM cannot carry picture-based subtitles.',
    ]);
  });

  it('h264-mp4 on the MKV: SubRip becomes mov_text, PGS dropped with a warning', () => {
    const { args, warnings } = buildConvertArgs({
      preset: preset('h264-mp4'),
      info: info('pgs-srt-2audio.mkv.json'),
      output: out,
    });
    expect(mappedIndexes(args)).toEqual([0, 1, 2, 4]);
    expect(valuesOf(args, '-c:s:0')).toEqual(['mov_text']);
    expect(warnings).toEqual([
      'Subtitle track #3 (hdmv_pgs_subtitle, eng) was dropped: H.264 MP4 (web) cannot carry picture-based subtitles.',
    ]);
  });

  it('remux-mkv on the MKV keeps the picture subtitle by copying it', () => {
    const { args, warnings } = buildConvertArgs({
      preset: preset('remux-mkv'),
      info: info('pgs-srt-2audio.mkv.json'),
      output: out,
    });
    expect(mappedIndexes(args)).toEqual([0, 1, 2, 3, 4]);
    expect([...valuesOf(args, '-c:s:0'), ...valuesOf(args, '-c:s:1')]).toEqual(['copy', 'copy']);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['mp3', 'h264-aac2-movtext.mp4.json', 1, 'kept #1 (aac, eng), dropped #2 (aac, fra)'],
    ['aac-m4a', 'h264-aac2-movtext.mp4.json', 1, 'kept #1 (aac, eng), dropped #2 (aac, fra)'],
    ['opus', 'pgs-srt-2audio.mkv.json', 2, 'kept #2 (aac, spa), dropped #1 (aac, eng)'],
    ['flac', 'pgs-srt-2audio.mkv.json', 2, 'kept #2 (aac, spa), dropped #1 (aac, eng)'],
  ] as const)(
    '%s on %s keeps the default audio track #%i and says which it dropped',
    (id, fixture, kept, sentence) => {
      const { args, warnings } = buildConvertArgs({
        preset: preset(id),
        info: info(fixture),
        output: out,
      });
      expect(mappedIndexes(args).filter((i) => i === 1 || i === 2)).toEqual([kept]);
      expect(warnings[0]).toBe(`This format holds one audio track; ${sentence}.`);
    },
  );

  it.each(presets.map((p) => p.id))(
    '%s never maps the MP3 cover art as video, and says it was not kept',
    (id) => {
      const { args, warnings } = buildConvertArgs({
        preset: preset(id),
        info: info('cover-art.mp3.json'),
        output: out,
      });
      expect(mappedIndexes(args)).toEqual([0]);
      expect(args).not.toContain('-pix_fmt');
      expect(warnings.at(-1)).toMatch(/^Cover art #1 \(png\) was not kept\.$/);
    },
  );

  it('scales down to maxHeight without upscaling, and appends extraArgs after the codec options', () => {
    const p: Preset = {
      ...preset('h264-mp4'),
      video: { codec: 'libx264', crf: 20, maxHeight: 720, extraArgs: ['-tune', 'film'] },
    };
    const { args } = buildConvertArgs({
      preset: p,
      info: info('h264-aac2-movtext.mp4.json'),
      output: out,
    });
    expect(valuesOf(args, '-vf')).toEqual(["scale=-2:'min(720,ih)'"]);
    expect(args.indexOf('-tune')).toBeGreaterThan(args.indexOf('-c:v'));
    expect(args.indexOf('-tune')).toBeLessThan(args.indexOf('-c:a'));
  });

  it('drops every subtitle when the preset asks, with one warning', () => {
    const p: Preset = { ...preset('remux-mkv'), subtitles: 'drop' };
    const tracks = mapTracks(p, info('pgs-srt-2audio.mkv.json'));
    expect(tracks.subtitles).toEqual([]);
    expect(tracks.warnings).toEqual(['Subtitles were dropped, as the preset asks.']);
  });

  it('keeps only the first of two video tracks and says so', () => {
    const media = info('h264-aac2-movtext.mp4.json');
    const second: ProbeStream = {
      index: 9,
      codec_type: 'video',
      codec_name: 'h264',
      width: 320,
      height: 240,
      disposition: { default: 0, attached_pic: 0 },
    };
    const tracks = mapTracks(preset('h264-mp4'), { ...media, streams: [...media.streams, second] });
    expect(tracks.video?.index).toBe(0);
    expect(tracks.warnings).toEqual(['Only the first video track is kept; #9 (h264) dropped.']);
  });

  it('warns when an audio-only preset finds no audio', () => {
    const media = info('h264-aac2-movtext.mp4.json');
    const tracks = mapTracks(preset('mp3'), {
      ...media,
      streams: media.streams.filter((s) => s.codec_type !== 'audio'),
    });
    expect(tracks.audio).toEqual([]);
    expect(tracks.warnings).toContain('The file has no audio track to keep.');
  });
});
