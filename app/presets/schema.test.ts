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
  ])('accepts %s', (_name, change) => {
    const data = structuredClone(good) as Record<string, unknown>;
    change(data);
    const result = parsePreset(data);
    if (!result.ok) throw new Error(result.errors.join('\n'));
  });

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
      /^video\.extraArgs\.0: -i is not allowed: extra arguments may not set inputs/,
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
      /may not name files or URLs/,
    ],
    [
      'extraArgs with a filter',
      video({ extraArgs: ['-vf', 'movie=/etc/passwd'] }),
      /-vf is not allowed/,
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
  ])('rejects %s, naming the field', (_name, change, expected) => {
    const data = structuredClone(good) as Record<string, unknown>;
    change(data);
    const result = parsePreset(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.errors.some((e) => expected.test(e)),
      result.errors.join('\n'),
    ).toBe(true);
  });

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
