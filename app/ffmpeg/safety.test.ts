import { describe, expect, it } from 'vitest';
import {
  FFMPEG_PREFIX,
  FFPROBE_PREFIX,
  fileUrl,
  hasPrefix,
  probeArgs,
  PROTOCOL_WHITELIST,
} from './safety';

describe('safety prefixes', () => {
  it('ffmpeg never reads stdin, only opens files and pipes, and reports machine progress', () => {
    expect(FFMPEG_PREFIX).toContain('-nostdin');
    expect(valueAfter(FFMPEG_PREFIX, '-protocol_whitelist')).toBe('file,pipe');
    expect(valueAfter(FFMPEG_PREFIX, '-progress')).toBe('pipe:1');
    expect(valueAfter(FFMPEG_PREFIX, '-stats_period')).toBe('0.25');
    expect(FFMPEG_PREFIX).toContain('-nostats');
    expect(PROTOCOL_WHITELIST).toBe('file,pipe');
  });

  it('builds the probe command the fixtures were recorded with', () => {
    expect(probeArgs('/media/a b.mkv')).toEqual([
      ...FFPROBE_PREFIX,
      '-print_format',
      'json=c=1',
      '-show_format',
      '-show_streams',
      '-show_chapters',
      '-show_programs',
      'file:/media/a b.mkv',
    ]);
    expect(hasPrefix(probeArgs('/x'), FFPROBE_PREFIX)).toBe(true);
  });
});

function valueAfter(args: readonly string[], option: string): string | undefined {
  return args[args.indexOf(option) + 1];
}

describe('fileUrl', () => {
  it.each([
    ['/in/x.mp4', 'file:/in/x.mp4'],
    ['/in/-x.mp4', 'file:/in/-x.mp4'],
    ['/in/a:b.mp4', 'file:/in/a:b.mp4'],
    ['/in/http:evil.mp4', 'file:/in/http:evil.mp4'],
    ['/in/with space and "quotes".mkv', 'file:/in/with space and "quotes".mkv'],
    ['/in/ünïcødé 字幕.mkv', 'file:/in/ünïcødé 字幕.mkv'],
    ['/in/new\nline.mkv', 'file:/in/new\nline.mkv'],
  ])('%j → %j (one argument, unchanged after the prefix)', (path, url) => {
    expect(fileUrl(path)).toBe(url);
  });
});

describe('hasPrefix', () => {
  it.each<[string, readonly string[], readonly string[], boolean]>([
    ['the full prefix and more', [...FFMPEG_PREFIX, '-i', 'file:/x'], FFMPEG_PREFIX, true],
    ['exactly the prefix', [...FFMPEG_PREFIX], FFMPEG_PREFIX, true],
    ['a shorter list', FFMPEG_PREFIX.slice(0, 3), FFMPEG_PREFIX, false],
    [
      'one value changed',
      ['-hide_banner', '-nostdin', '-y', '-protocol_whitelist', 'file,pipe,http'],
      FFMPEG_PREFIX.slice(0, 5),
      false,
    ],
    ['options before the prefix', ['-i', 'file:/x', ...FFMPEG_PREFIX], FFMPEG_PREFIX, false],
    ['an empty prefix', ['anything'], [], true],
  ])('%s → %s', (_name, args, prefix, expected) => {
    expect(hasPrefix(args, prefix)).toBe(expected);
  });
});
