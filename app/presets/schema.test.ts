import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInPresetFiles, PRESETS_DIR } from '../../test/fixtures/fixtures';
import { parsePreset, type PresetInput } from './schema';

const files = builtInPresetFiles();

describe('built-in presets (resources/presets/*.json)', () => {
  it('include every preset the product promises', () => {
    expect(files).toEqual(
      [
        'aac-m4a',
        'av1-mkv',
        'flac',
        'h264-mp4-gpu',
        'h264-mp4',
        'hevc-mkv',
        'mp3',
        'opus',
        'remux-mkv',
        'vp9-webm',
      ].map((id) => `${id}.json`),
    );
  });

  it.each(files)('%s is valid, and its id matches its file name', (file) => {
    const result = parsePreset(JSON.parse(readFileSync(path.join(PRESETS_DIR, file), 'utf8')));
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(`${result.preset.id}.json`).toBe(file);
    expect(result.preset.name.length).toBeGreaterThan(0);
  });
});

const good: PresetInput = {
  id: 'my-preset',
  name: 'Mine',
  container: 'mp4',
  extension: '.mp4',
  video: { codec: 'libx264', crf: 22, speed: 'fast', pixelFormat: 'yuv420p' },
  audio: { codec: 'aac', bitrateKbps: 160 },
};
type Change = (preset: Record<string, unknown>) => void;
const video =
  (extra: Record<string, unknown>): Change =>
  (p) =>
    void (p.video = { codec: 'libx264', crf: 22, ...extra });
const audio =
  (extra: Record<string, unknown>): Change =>
  (p) =>
    void (p.audio = { codec: 'aac', ...extra });
const set =
  (key: string, value: unknown): Change =>
  (p) =>
    void (p[key] = value);

/** Parses the good preset with one change. */
function parseChanged(change: Change): ReturnType<typeof parsePreset> {
  const data = structuredClone(good) as Record<string, unknown>;
  change(data);
  return parsePreset(data);
}
function expectAccepted(change: Change): void {
  const result = parseChanged(change);
  if (!result.ok) throw new Error(result.errors.join('\n'));
}
/** Refused, with a sentence that starts with the field at fault. */
function expectRefused(change: Change, expected: RegExp): void {
  const result = parseChanged(change);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(
    result.errors.some((e) => expected.test(e)),
    result.errors.join('\n'),
  ).toBe(true);
}

describe('parsePreset', () => {
  it('accepts a good preset and fills defaults', () => {
    const result = parsePreset(good);
    expect(result).toMatchObject({
      ok: true,
      preset: {
        description: '',
        allAudioTracks: true,
        subtitles: 'keep',
        faststart: false,
        video: { extraArgs: [] },
      },
    });
  });

  it.each<[string, Change]>([
    ['flag options', video({ extraArgs: ['-tune', 'film', '-bf', '2'] })],
    [
      'x265 parameters',
      video({ codec: 'libx265', extraArgs: ['-x265-params', 'log-level=error'] }),
    ],
    ['-map_metadata is not -map', audio({ extraArgs: ['-map_metadata', '-1'] })],
    ['stream copy', set('video', 'copy')],
    ['audio only', set('video', 'none')],
    ['crf 0 and 63', video({ codec: 'libsvtav1', crf: 63 })],
    ['mp3 VBR quality 9', audio({ codec: 'libmp3lame', quality: 9 })],
  ])('accepts %s', (_name, change) => expectAccepted(change));

  // Each bad preset is refused with a sentence that starts with the field at fault.
  it.each<[string, Change, RegExp]>([
    ['an unknown field', set('colour', 'blue'), /^preset: .*"colour"/],
    [
      'an unknown field in the video settings (a typo)',
      video({ preset: 'slow' }),
      /^video: .*"preset"/,
    ],
    ['an unknown field in the audio settings', audio({ bitrate: 128 }), /^audio: .*"bitrate"/],
    [
      'an id with capitals and spaces',
      set('id', 'My Preset'),
      /^id: use lowercase letters, digits and dashes/,
    ],
    ['an id starting with a dash', set('id', '-x'), /^id: /],
    ['an empty id', set('id', ''), /^id: /],
    ['an id of 65 characters', set('id', 'a'.repeat(65)), /^id: /],
    ['an id with a slash', set('id', '../evil'), /^id: /],
    ['an empty name', set('name', ''), /^name: /],
    ['crf above 63', video({ crf: 64 }), /^video\.crf: /],
    ['crf below 0', video({ crf: -1 }), /^video\.crf: /],
    ['crf not a whole number', video({ crf: 22.5 }), /^video\.crf: /],
    ['crf as a string', video({ crf: '22' }), /^video\.crf: /],
    ['an unknown video codec', video({ codec: 'h264_nvenc' }), /^video\.codec: /],
    [
      'a pixel format with shell characters',
      video({ pixelFormat: 'yuv420p;rm' }),
      /^video\.pixelFormat: /,
    ],
    ['a tiny maxHeight', video({ maxHeight: 8 }), /^video\.maxHeight: /],
    ['video as an unknown word', set('video', 'encode'), /^video: /],
    [
      'extraArgs adding an input (-i)',
      video({ extraArgs: ['-i', '/etc/passwd'] }),
      /^video\.extraArgs\.0: -i is not allowed for libx264; allowed options: /,
    ],
    [
      'extraArgs mapping streams (-map)',
      audio({ extraArgs: ['-map', '0:a:1'] }),
      /^audio\.extraArgs(\.\d+)?: /,
    ],
    [
      'extraArgs widening protocols',
      video({ extraArgs: ['-protocol_whitelist', 'file,http,tcp'] }),
      /^video\.extraArgs(\.\d+)?: /,
    ],
    [
      'extraArgs forcing a format (-f)',
      video({ extraArgs: ['-f', 'mpegts'] }),
      /^video\.extraArgs(\.\d+)?: /,
    ],
    [
      'extraArgs with -filter_complex',
      video({ extraArgs: ['-filter_complex', 'movie=/etc/passwd'] }),
      /^video\.extraArgs(\.\d+)?: /,
    ],
    [
      'extraArgs with -lavfi (another name for -filter_complex)',
      video({ extraArgs: ['-lavfi', 'movie=x'] }),
      /^video\.extraArgs(\.\d+)?: /,
    ],
    [
      'extraArgs with -filter_complex_script',
      video({ extraArgs: ['-filter_complex_script', '/tmp/f'] }),
      /^video\.extraArgs(\.\d+)?: /,
    ],
    [
      'extraArgs with -- (the rest become output files)',
      video({ extraArgs: ['--', '/tmp/out.mkv'] }),
      /^video\.extraArgs(\.\d+)?: /,
    ],
    ['extraArgs overwriting (-y)', audio({ extraArgs: ['-y'] }), /^audio\.extraArgs(\.\d+)?: /],
    [
      'extraArgs adding a bare output file',
      video({ extraArgs: ['-tune', 'film', '/tmp/x.mkv', '-crf'] }),
      /^video\.extraArgs\.2: "\/tmp\/x\.mkv" is not an option name/,
    ],
    [
      'extraArgs with an odd count',
      video({ extraArgs: ['-tune'] }),
      /must be "-option", "value" pairs/,
    ],
    [
      'extraArgs reading a file through a value',
      video({ extraArgs: ['-x264-params', 'file://etc/passwd'] }),
      /^video\.extraArgs\.1: -x264-params key "file" is not allowed for libx264/,
    ],
    [
      'extraArgs with a filter',
      video({ extraArgs: ['-vf', 'movie=/etc/passwd'] }),
      /^video\.extraArgs\.0: -vf is not allowed for libx264/,
    ],
    [
      'more than 64 extraArgs',
      video({ extraArgs: Array.from({ length: 65 }, () => '-an') }),
      /^video\.extraArgs(\.\d+)?: /,
    ],
    ['an extension without a dot', set('extension', 'mp4'), /^extension: /],
    ['an extension in capitals', set('extension', '.MP4'), /^extension: /],
    ['an extension with a path', set('extension', '.mp4/../../x'), /^extension: /],
    ['an extension that is too long', set('extension', '.abcdefghi'), /^extension: /],
    ['an unknown container', set('container', 'avi'), /^container: /],
    ['an unknown audio codec', audio({ codec: 'libfdk_aac' }), /^audio\.codec: /],
    ['an audio bitrate of 4 kb/s', audio({ bitrateKbps: 4 }), /^audio\.bitrateKbps: /],
    ['an mp3 quality of 10', audio({ codec: 'libmp3lame', quality: 10 }), /^audio\.quality: /],
    ['audio "none" (a preset always has audio or copies it)', set('audio', 'none'), /^audio: /],
    ['subtitles as a boolean', set('subtitles', true), /^subtitles: /],
    ['a missing container', (p) => void delete p.container, /^container: /],
  ])('rejects %s, naming the field', (_name, change, expected) => expectRefused(change, expected));

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'h264-mp4'],
  ])('rejects %s as a whole', (_name, data) => {
    const result = parsePreset(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^preset: /);
  });

  it('lists every problem, not only the first', () => {
    const result = parsePreset({
      ...good,
      id: 'Bad Id',
      extension: 'mkv',
      video: { codec: 'libx264', crf: 99 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'extension',
      'id',
      'video.crf',
    ]);
  });
});

// Extra options are an allowlist per encoder (encoder-options.ts): anything not listed is
// refused with a sentence naming the option, and the key inside -x264-params and friends.
describe('extraArgs allowlist', () => {
  it.each<[string, Change]>([
    ['-tune film for x264', video({ extraArgs: ['-tune', 'film'] })],
    ['-tune with a stream specifier', video({ extraArgs: ['-tune:v', 'film,fastdecode'] })],
    [
      'x264 parameters',
      video({ extraArgs: ['-x264-params', 'keyint=120:bframes=3:deblock=-1,-1'] }),
    ],
    [
      'x265 HDR parameters',
      video({
        codec: 'libx265',
        extraArgs: [
          '-x265-params',
          'hdr10=1:master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1000,400',
          '-tag:v',
          'hvc1',
        ],
      }),
    ],
    [
      'SVT-AV1 parameters',
      video({ codec: 'libsvtav1', extraArgs: ['-svtav1-params', 'tune=0:film-grain=8'] }),
    ],
    ['VP9 options', video({ codec: 'libvpx-vp9', extraArgs: ['-cpu-used', '4', '-g', '240'] })],
    ['rate control', video({ extraArgs: ['-maxrate', '5M', '-bufsize', '10M'] })],
    ['AAC coder', audio({ extraArgs: ['-aac_coder', 'fast', '-ac', '2'] })],
    ['Opus for speech', audio({ codec: 'libopus', extraArgs: ['-application:a', 'voip'] })],
    ['FLAC level 12', audio({ codec: 'flac', extraArgs: ['-compression_level', '12'] })],
  ])('accepts %s', (_name, change) => expectAccepted(change));

  it.each<[string, Change, RegExp]>([
    [
      'x264 writing raw frames to a file (dump-yuv)',
      video({ extraArgs: ['-x264-params', 'keyint=120:dump-yuv=/tmp/frames.yuv'] }),
      /^video\.extraArgs\.1: -x264-params key "dump-yuv" is not allowed for libx264; allowed keys: keyint, /,
    ],
    [
      'x264 options given through -x264opts (stats file)',
      video({ extraArgs: ['-x264opts', 'stats=/tmp/s.log'] }),
      /^video\.extraArgs\.1: -x264opts key "stats" is not allowed for libx264/,
    ],
    [
      'x265 writing a CSV log',
      video({ codec: 'libx265', extraArgs: ['-x265-params', 'csv=/tmp/x.csv'] }),
      /^video\.extraArgs\.1: -x265-params key "csv" is not allowed for libx265/,
    ],
    [
      'x265 saving analysis data',
      video({ codec: 'libx265', extraArgs: ['-x265-params', 'analysis-save=/tmp/a.dat'] }),
      /-x265-params key "analysis-save" is not allowed for libx265/,
    ],
    [
      'SVT-AV1 reading a film grain table',
      video({ codec: 'libsvtav1', extraArgs: ['-svtav1-params', 'fgs-table=/tmp/grain.tbl'] }),
      /-svtav1-params key "fgs-table" is not allowed for libsvtav1/,
    ],
    [
      'a parameter without a value',
      video({ extraArgs: ['-x264-params', 'keyint'] }),
      /-x264-params key "keyint" needs a whole number, or infinite \(as keyint=value\), not ""/,
    ],
    [
      'a parameter value that is a path',
      video({ extraArgs: ['-x264-params', 'keyint=../../x'] }),
      /-x264-params key "keyint" needs a whole number/,
    ],
    [
      'an x264 option ffmpeg has but the list leaves out (-passlogfile)',
      video({ extraArgs: ['-passlogfile', '/tmp/pass'] }),
      /^video\.extraArgs\.0: -passlogfile is not allowed for libx264; allowed options: /,
    ],
    [
      'an unknown -tune word',
      video({ extraArgs: ['-tune', '/etc/passwd'] }),
      /^video\.extraArgs\.1: -tune needs one or more of film, .* for libx264, not "\/etc\/passwd"/,
    ],
    [
      'an x264 option given to x265',
      video({ codec: 'libx265', extraArgs: ['-x264-params', 'keyint=60'] }),
      /^video\.extraArgs\.0: -x264-params is not allowed for libx265/,
    ],
    [
      'a video option in the audio settings',
      audio({ extraArgs: ['-b:v', '5M'] }),
      /^audio\.extraArgs\.0: -b:v is not allowed for aac/,
    ],
    [
      'an AAC option given to Opus',
      audio({ codec: 'libopus', extraArgs: ['-aac_coder', 'fast'] }),
      /^audio\.extraArgs\.0: -aac_coder is not allowed for libopus; allowed options: .*-application/,
    ],
    [
      'an Opus application that does not exist',
      audio({ codec: 'libopus', extraArgs: ['-application', 'music'] }),
      /^audio\.extraArgs\.1: -application needs one of voip, audio, lowdelay for libopus, not "music"/,
    ],
    [
      'metadata copied from another input',
      audio({ extraArgs: ['-map_metadata', '1'] }),
      /^audio\.extraArgs\.1: -map_metadata needs -1 for aac, not "1"/,
    ],
  ])('refuses %s, naming the option', (_name, change, expected) => expectRefused(change, expected));
});
