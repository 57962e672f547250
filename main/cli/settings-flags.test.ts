import { describe, expect, it } from 'vitest';
import { settingsFromFlags, type SettingsFlagValues } from './settings-flags';

describe('settingsFromFlags', () => {
  it('turns every flag into the job settings', () => {
    expect(
      settingsFromFlags(
        {
          audio: 'FRA,a:3,eng',
          'audio-mix': '5.1',
          subtitles: 'burn:eng',
          'no-chapters': true,
          start: '1:05',
          end: '90.5',
          crop: '1920:800:0:140',
          deinterlace: 'auto',
          denoise: 'light',
          'max-height': '720',
          'max-width': '1280',
          crf: '30',
          name: '{name}-{preset}',
          'keep-tree': true,
        },
        true,
      ),
    ).toEqual({
      audio: { tracks: [{ language: 'fra' }, { index: 3 }, { language: 'eng' }], mix: '5.1' },
      subtitles: { burn: { language: 'eng' } },
      chapters: false,
      trim: { startSec: 65, endSec: 90.5 },
      crop: { width: 1920, height: 800, x: 0, y: 140 },
      deinterlace: 'auto',
      denoise: 'light',
      maxHeight: 720,
      maxWidth: 1280,
      crf: 30,
      name: '{name}-{preset}',
      folder: 'keep-tree',
    });
  });

  it.each<[SettingsFlagValues, object | undefined]>([
    [{}, undefined],
    [
      { audio: 'none', subtitles: 'forced' },
      { audio: { tracks: 'none' }, subtitles: { keep: 'forced' } },
    ],
    [
      { subtitles: 'eng,fra', crop: 'auto' },
      { subtitles: { keep: ['eng', 'fra'] }, crop: 'auto' },
    ],
    [{ 'beside-source': true }, { folder: 'beside-source' }],
  ])('%j → %j', (values, settings) => {
    const beside = values['beside-source'] === true;
    expect(settingsFromFlags(values, !beside)).toEqual(settings);
  });

  it.each<[SettingsFlagValues, string | RegExp]>([
    [{ crf: '99' }, '--crf must be at most 63.'],
    [{ crf: 'high' }, '--crf needs a whole number.'],
    [{ 'max-height': '8' }, '--max-height must be at least 16.'],
    [{ 'audio-mix': 'mono' }, '--audio-mix must be keep, stereo or 5.1.'],
    [{ deinterlace: 'yes' }, '--deinterlace must be auto, on or off.'],
    [{ denoise: 'max' }, '--denoise must be off, light or strong.'],
    [
      { audio: 'english' },
      '--audio english is not accepted: use a three-letter ISO 639-2 code such as eng or fra.',
    ],
    [
      { subtitles: 'burn:xx' },
      '--subtitles burn:xx is not accepted: use a three-letter ISO 639-2 code such as eng or fra.',
    ],
    [{ start: '1m' }, '--start must be seconds or [h:]m:s[.ms], for example 90 or 1:30.'],
    [{ start: '10', end: '5' }, '--end 5 is not accepted: the end must come after the start.'],
    [{ crop: '10x10' }, '--crop must be auto, none or W:H:X:Y (for example 1920:800:0:140).'],
    [{ name: 'a/{name}' }, '--name a/{name} is not accepted: a name cannot contain / or \\ or ..'],
    [{ name: '{title}' }, /^--name \{title\} is not accepted: use only \{name\}/],
    [
      { 'keep-tree': true, 'beside-source': true },
      'Choose --beside-source or --keep-tree, not both.',
    ],
  ])('%j is refused: %s', (values, message) => {
    expect(() => settingsFromFlags(values, true)).toThrow(message);
  });

  it('reads --chunks and --hw-decode, and names the flag when a value is wrong', () => {
    expect(settingsFromFlags({ chunks: '4', 'hw-decode': 'off' }, true)).toEqual({
      chunks: 4,
      hwDecode: 'off',
    });
    expect(settingsFromFlags({ chunks: 'auto' }, true)).toEqual({ chunks: 'auto' });
    expect(() => settingsFromFlags({ chunks: 'many' }, true)).toThrow(
      '--chunks must be auto, off or a number of chunks.',
    );
    expect(() => settingsFromFlags({ chunks: '99' }, true)).toThrow('--chunks must be at most 64.');
    expect(() => settingsFromFlags({ 'hw-decode': 'gpu' }, true)).toThrow('--hw-decode must be');
  });

  it('needs --out for --keep-tree and refuses it with --beside-source', () => {
    expect(() => settingsFromFlags({ 'keep-tree': true }, false)).toThrow(
      /--keep-tree needs --out/,
    );
    expect(() => settingsFromFlags({ 'beside-source': true }, true)).toThrow(/leave out --out/);
  });
});
