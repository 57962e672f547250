import { describe, expect, it } from 'vitest';
import { loadBuiltInPresets } from '../../test/fixtures/fixtures';
import { playsInBrowser } from './preview';
import { byteRange } from './preview-files';
import { PREVIEW_FILE, stillPositions, timeLabel } from './preview-plan';

describe('preview names and positions', () => {
  it('names positions with at most 3 decimals, and serves only those names', () => {
    expect([10, 3.3333333, 0.5, 7200.0004].map(timeLabel)).toEqual(['10', '3.333', '0.5', '7200']);
    for (const good of ['before-3.333.png', 'after-10.png', 'clip.mp4', 'clip.webm'])
      expect(PREVIEW_FILE.test(good)).toBe(true);
    for (const bad of [
      '.after-1.mp4',
      'before-1.PNG',
      '../clip.mp4',
      'clip.mp4/x',
      'notes.txt',
      'before--1.png',
    ])
      expect(PREVIEW_FILE.test(bad)).toBe(false);
  });

  it('spreads the stills inside the kept range, never on its ends', () => {
    expect(stillPositions(0, 60)).toEqual([10, 20, 30, 40, 50]);
    expect(stillPositions(10, 22, 2)).toEqual([14, 18]);
    expect(stillPositions(5, null)).toEqual([5]);
  });
});

describe('byteRange', () => {
  it.each([
    [undefined, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-200', { start: 800, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,5-9', null], // several ranges: the whole file
    ['bytes=50-10', null],
    ['items=0-1', null],
  ])('%s of 1000 bytes → %j', (header, expected) => {
    expect(byteRange(header, 1000)).toEqual(expected);
  });
});

describe('playsInBrowser', () => {
  it('says which built-in presets a browser plays', () => {
    const playable = loadBuiltInPresets()
      .filter(playsInBrowser)
      .map((p) => p.id)
      .sort();
    expect(playable).toEqual([
      'aac-m4a',
      'flac',
      'h264-mp4',
      'h264-mp4-gpu',
      'mp3',
      'opus',
      'vp9-webm',
    ]);
  });
});
