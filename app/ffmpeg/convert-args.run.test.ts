import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltInPresets } from '../../test/fixtures/fixtures';
import { emptyPgs } from '../../test/helpers/pgs';
import { probeInfo } from '../../test/helpers/plan-run';
import { buildConvertArgs } from './convert-args';

// The arguments built in app/ must really run: generate tiny clips with lavfi, probe
// them with ffprobe, build arguments for a few presets and run ffmpeg with them
// (argument arrays, never a shell), then decode every output.

const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? 'ffprobe';
const available =
  spawnSync(FFMPEG, ['-version']).status === 0 && spawnSync(FFPROBE, ['-version']).status === 0;

function run(
  program: string,
  args: readonly string[],
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(program, args, {
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ffmpeg(args: readonly string[]): void {
  const result = run(FFMPEG, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args]);
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}\n${result.stderr}`);
}

const presets = loadBuiltInPresets();
let dir = '';
const clip = { mp4: '', mkv: '' };

describe.skipIf(!available)('built arguments run with real ffmpeg', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'framewright-args-'));
    writeFileSync(
      path.join(dir, 'subs.srt'),
      '1\n00:00:00,100 --> 00:00:00,600\nHello\n\n2\n00:00:00,700 --> 00:00:00,900\nWorld\n',
    );
    writeFileSync(
      path.join(dir, 'chapters.txt'),
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=500\ntitle=One\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=500\nEND=1000\ntitle=Two\n',
    );
    writeFileSync(path.join(dir, 'subs.sup'), emptyPgs());
    const video = ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=1'];
    const tone = (hz: number): string[] => [
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${hz}:sample_rate=48000:duration=1`,
    ];
    // A name that starts with a dash and holds a colon and a space.
    clip.mp4 = path.join(dir, '-clip: one.mp4');
    ffmpeg([
      ...video,
      ...tone(440),
      ...tone(660),
      '-i',
      path.join(dir, 'subs.srt'),
      '-i',
      path.join(dir, 'chapters.txt'),
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-map',
      '2:a',
      '-map',
      '3:s',
      '-map_chapters',
      '4',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-c:s',
      'mov_text',
      '-metadata:s:a:0',
      'language=eng',
      '-metadata:s:a:1',
      'language=fra',
      '-disposition:a:1',
      '0',
      `file:${clip.mp4}`,
    ]);
    clip.mkv = path.join(dir, 'clip two.mkv');
    ffmpeg([
      ...video,
      ...tone(440),
      ...tone(550),
      '-i',
      path.join(dir, 'subs.sup'),
      '-i',
      path.join(dir, 'subs.srt'),
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-map',
      '2:a',
      '-map',
      '3:s',
      '-map',
      '4:s',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv444p',
      '-c:a',
      'aac',
      '-c:s:0',
      'copy',
      '-c:s:1',
      'srt',
      '-disposition:a:0',
      '0',
      '-disposition:a:1',
      'default',
      `file:${clip.mkv}`,
    ]);
  });

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    // The MP4 muxer stores chapters as a text track too, which ffprobe lists as data.
    [
      'h264-mp4',
      'mp4',
      ['video:h264', 'audio:aac', 'audio:aac', 'subtitle:mov_text', 'data:bin_data'],
      2,
    ],
    ['remux-mkv', 'mp4', ['video:h264', 'audio:aac', 'audio:aac', 'subtitle:subrip'], 2],
    ['h264-mp4', 'mkv', ['video:h264', 'audio:aac', 'audio:aac', 'subtitle:mov_text'], 0],
    [
      'remux-mkv',
      'mkv',
      ['video:h264', 'audio:aac', 'audio:aac', 'subtitle:hdmv_pgs_subtitle', 'subtitle:subrip'],
      0,
    ],
    ['opus', 'mkv', ['audio:opus'], 0],
    ['vp9-webm', 'mp4', ['video:vp9', 'audio:opus', 'audio:opus', 'subtitle:webvtt'], 2],
    ['aac-m4a', 'mp4', ['audio:aac', 'subtitle:mov_text', 'data:bin_data'], 2],
  ] as const)(
    '%s on the %s clip: exit 0, the expected streams, decodes cleanly',
    (id, source, expected, chapters) => {
      const preset = presets.find((p) => p.id === id);
      if (preset === undefined) throw new Error(id);
      const input = probeInfo(clip[source]);
      const output = path.join(dir, `-out ${id}-${source}${preset.extension}`);
      const { args } = buildConvertArgs({ preset, info: input, output });

      const result = run(FFMPEG, args);
      expect(result.status, result.stderr).toBe(0);
      // The machine progress channel ended cleanly.
      expect(result.stdout.trimEnd().endsWith('progress=end')).toBe(true);

      const made = probeInfo(output);
      expect(made.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(expected);
      expect(made.chapters).toHaveLength(chapters);
      if (id === 'h264-mp4') expect(made.streams[0]?.pix_fmt).toBe('yuv420p');

      const decode = run(FFMPEG, [
        '-hide_banner',
        '-nostdin',
        '-v',
        'error',
        '-i',
        `file:${output}`,
        '-f',
        'null',
        '-',
      ]);
      expect(decode.status).toBe(0);
      expect(decode.stderr).toBe('');
    },
  );
});
