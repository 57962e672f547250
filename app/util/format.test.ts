import { describe, expect, it } from 'vitest';
import { fileName, formatBytes, plural } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.5 KB'],
    [1_500_000, '1.5 MB'],
    [123_456_789, '123 MB'],
    [2_000_000_000, '2.0 GB'],
    [5e15, '5000 TB'],
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
  ])('%s bytes read "%s"', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('plural', () => {
  it.each([
    [0, '0 files'],
    [1, '1 file'],
    [2, '2 files'],
    [1200, '1,200 files'],
  ])('%s → "%s"', (n, text) => {
    expect(plural(n, 'file', 'files')).toBe(text);
  });
});

describe('fileName', () => {
  it.each([
    ['/videos/a b.mp4', 'a b.mp4'],
    ['C:\\Videos\\clip.mkv', 'clip.mkv'],
    ['clip.mkv', 'clip.mkv'],
  ])('%s → "%s"', (path, name) => {
    expect(fileName(path)).toBe(name);
  });
});
