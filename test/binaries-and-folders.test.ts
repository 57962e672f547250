import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../main/engine/expand';
import { resolveBinary } from '../native/binaries';
import { runCli } from './helpers/cli';
import { makeClip, tempDir } from './helpers/media';

describe('binary resolution', () => {
  const env = { PATH: process.env.PATH ?? '' };

  it('uses PATH when nothing else is set, and reports version and build configuration', async () => {
    const problems: string[] = [];
    const info = await resolveBinary('ffmpeg', {}, env, problems);
    expect(info?.source).toBe('path');
    expect(info?.version).toMatch(/^\d+\.\d+/);
    expect(info?.configuration).toMatch(/--enable-libx264/);
    expect(problems).toEqual([]);
  });

  it('prefers the setting over FFMPEG_PATH over PATH', async () => {
    const dir = tempDir();
    const wrapper = path.join(dir, 'my-ffmpeg');
    writeFileSync(wrapper, '#!/bin/sh\nexec ffmpeg "$@"\n');
    chmodSync(wrapper, 0o755);
    const fromEnv = await resolveBinary('ffmpeg', {}, { ...env, FFMPEG_PATH: wrapper }, []);
    expect(fromEnv).toMatchObject({ path: wrapper, source: 'env' });
    const fromSetting = await resolveBinary(
      'ffmpeg',
      { ffmpegPath: wrapper },
      { ...env, FFMPEG_PATH: '/nowhere/ffmpeg' },
      [],
    );
    expect(fromSetting).toMatchObject({ path: wrapper, source: 'setting' });
  });

  it('falls back past a broken choice and says so', async () => {
    const problems: string[] = [];
    const info = await resolveBinary('ffprobe', { ffprobePath: '/nowhere/ffprobe' }, env, problems);
    expect(info?.source).toBe('path');
    expect(problems[0]).toMatch(/ffprobe from setting \(\/nowhere\/ffprobe\) could not be run/);
  });

  it('explains when there is no ffmpeg at all', async () => {
    const problems: string[] = [];
    expect(await resolveBinary('ffmpeg', {}, { PATH: '/nonexistent' }, problems)).toBeNull();
    expect(problems.at(-1)).toMatch(/No working ffmpeg was found/);
  });
});

describe('folder expansion', () => {
  it('recurses, survives symlink loops, skips non-media and hidden files with reasons, keeps named files', async () => {
    const dir = tempDir();
    const inner = path.join(dir, 'a', 'b');
    mkdirSync(inner, { recursive: true });
    const clip = makeClip(path.join(inner, 'clip.mp4'), { audio: false });
    symlinkSync(dir, path.join(inner, 'loop')); // a/b/loop → the top again
    writeFileSync(path.join(dir, 'readme.txt'), 'hi');
    writeFileSync(path.join(dir, '.hidden.mp4'), '');
    const named = path.join(tempDir(), 'named.weird');
    writeFileSync(named, 'x');
    const result = await expandPaths([dir, named]);
    expect(result.files).toEqual([clip, named]);
    expect(result.skipped.map((s) => [path.basename(s.path), s.reason])).toEqual([
      ['.hidden.mp4', 'Hidden file.'],
      ['readme.txt', 'Not a video or audio file.'],
    ]);
  });
});

describe('custom presets', () => {
  it('loads a valid preset file and converts with it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tiny.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'tiny',
        name: 'Tiny',
        container: 'matroska',
        extension: '.mkv',
        video: { codec: 'libx264', crf: 35, speed: 'ultrafast' },
        audio: { codec: 'libopus', bitrateKbps: 48 },
      }),
    );
    const presets = await runCli(['presets', '--json', '--preset-file', file]);
    expect((JSON.parse(presets.stdout) as { id: string }[]).map((p) => p.id)).toContain('tiny');
    const result = await runCli([
      'convert',
      makeClip(path.join(dir, 'c.mp4')),
      '--preset',
      'tiny',
      '--preset-file',
      file,
      '--out',
      dir,
    ]);
    expect(result.code).toBe(0);
  });

  it('rejects an invalid preset with errors naming each field', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'Bad Id',
        name: 'x',
        container: 'avi',
        extension: 'mp4',
        video: { codec: 'libx264', crf: 99 },
        audio: 'copy',
      }),
    );
    const result = await runCli(['presets', '--preset-file', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/bad\.json is not a valid preset/);
    for (const field of ['id:', 'container:', 'extension:', 'video'])
      expect(result.stderr).toContain(field);
  });
});
