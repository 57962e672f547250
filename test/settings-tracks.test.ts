import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/media';
import { boxPgs } from './helpers/pgs';
import { convertWith, probeInfo } from './helpers/plan-run';
import { regionLuma } from './helpers/resolution';

// Job settings for tracks, chapters and burned subtitles, run with real ffmpeg on media
// made here: the planned argv is spawned as is and the output checked with ffprobe.

const ffmpeg = (args: string[]): void => {
  execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-y', ...args]);
};

let dir = '';
beforeAll(() => {
  dir = tempDir('fw-settings-tracks-');
});

describe('audio tracks and chapters', () => {
  let source = '';
  beforeAll(() => {
    source = path.join(dir, 'three.mkv');
    const chapters = path.join(dir, 'chapters.txt');
    writeFileSync(
      chapters,
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=500\ntitle=One\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=500\nEND=1000\ntitle=Two\n',
    );
    const tone = (hz: number): string[] => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=1`];
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=1'],
      ...[...tone(300), ...tone(500), ...tone(700)],
      ...['-i', chapters, '-map', '0', '-map', '1', '-map', '2', '-map', '3'],
      ...['-map_chapters', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'libopus'],
      ...['-metadata:s:a:0', 'language=eng', '-metadata:s:a:1', 'language=fra'],
      ...['-metadata:s:a:2', 'language=deu', '-disposition:a:0', 'default'],
      ...['-disposition:a:1', '0', '-disposition:a:2', '0'],
      source,
    ]);
  });

  it('keeps the asked tracks in order, the first default, copies what it may, drops chapters', () => {
    expect(probeInfo(source).chapters).toHaveLength(2);
    const out = path.join(dir, 'fra-eng.mkv');
    const plan = convertWith(
      source,
      'hevc-mkv',
      {
        speed: 'ultrafast',
        audio: { tracks: [{ language: 'fra' }, { language: 'eng' }], passthrough: true },
        chapters: false,
      },
      out,
    );
    expect(plan.warnings).toEqual([]);
    const info = probeInfo(out);
    const audio = info.streams.filter((s) => s.codec_type === 'audio');
    expect(audio.map((s) => [s.tags?.language, s.disposition?.default, s.codec_name])).toEqual([
      ['fra', 1, 'opus'],
      ['eng', 0, 'opus'],
    ]);
    expect(info.chapters).toEqual([]);
  });

  it('encodes a track the container cannot take even with passthrough', () => {
    const out = path.join(dir, 'deu.m4a');
    convertWith(
      source,
      'aac-m4a',
      { audio: { tracks: [{ index: 3 }], passthrough: true, kbpsPerChannel: 48 } },
      out,
    );
    const audio = probeInfo(out).streams.filter((s) => s.codec_type === 'audio');
    expect(audio.map((s) => [s.tags?.language, s.codec_name, s.channels])).toEqual([
      ['deu', 'aac', 1],
    ]);
  });
});

describe('burned subtitles', () => {
  let source = '';
  beforeAll(() => {
    // A folder whose name would break an unescaped filter graph.
    const odd = path.join(dir, "it's: a, b");
    mkdirSync(odd);
    const srt = path.join(dir, 'lines.srt');
    // One big white line from 1 s to 3 s.
    writeFileSync(srt, '1\n00:00:01,000 --> 00:00:03,000\n<font size="48">HHHHHHHH</font>\n');
    source = path.join(odd, 'black.mkv');
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'color=black:size=320x240:rate=25:duration=4', '-i', srt],
      ...['-map', '0', '-map', '1', '-c:v', 'libx264', '-preset', 'ultrafast'],
      ...['-c:s', 'srt', '-metadata:s:s:0', 'language=eng', source],
    ]);
  });

  it('draws the line into the picture, on time after a trim, and keeps no track of it', () => {
    const out = path.join(dir, 'burned.mp4');
    convertWith(
      source,
      'h264-mp4',
      { speed: 'ultrafast', subtitles: { burn: { language: 'eng' } }, trim: { startSec: 1 } },
      out,
    );
    const info = probeInfo(out);
    expect(info.streams.map((s) => s.codec_type)).toEqual(['video']);
    // The line sits in the lower part of the frame; the top stays black (16).
    const bottom = regionLuma(out, 0.5, '320:60:0:170');
    expect(bottom).toBeGreaterThan(30);
    expect(regionLuma(out, 0.5, '320:60:0:0')).toBeLessThan(20);
    // After the line ends (3 s in the source, 2 s in the output) the picture is black again.
    expect(regionLuma(out, 2.5, '320:60:0:170')).toBeLessThan(20);
  });
});

describe('burned bitmap subtitles', () => {
  it('overlays the picture subtitle while it shows, and only then', () => {
    const sup = path.join(dir, 'box.sup');
    const box = { x: 40, y: 180, width: 240, height: 40 };
    writeFileSync(sup, boxPgs({ width: 320, height: 240 }, box, 0.5, 1.5));
    const source = path.join(dir, 'box.mkv');
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'color=black:size=320x240:rate=25:duration=2', '-i', sup],
      ...['-map', '0', '-map', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:s', 'copy'],
      ...['-metadata:s:s:0', 'language=eng', source],
    ]);
    const out = path.join(dir, 'box-burned.mp4');
    convertWith(source, 'h264-mp4', { speed: 'ultrafast', subtitles: { burn: { index: 1 } } }, out);
    expect(probeInfo(out).streams.map((s) => s.codec_type)).toEqual(['video']);
    // Muxed from the .sup (which starts at 0.5 s), the box shows from 0 s to 1 s.
    expect(regionLuma(out, 0.5, '240:40:40:180')).toBeGreaterThan(200);
    expect(regionLuma(out, 1.5, '240:40:40:180')).toBeLessThan(20);
    expect(regionLuma(out, 0.5, '320:40:0:0')).toBeLessThan(20);
  });
});
