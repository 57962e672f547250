import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter, parseVstatsLine } from './vstats';

// Recorded with ffmpeg 5.1: -vstats_file FILE -vstats_version 2 (test/fixtures/vstats).
const fixture = (name: string): string =>
  readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/vstats', name), 'utf8');

describe('parseVstatsLine', () => {
  it.each(['x264-v2.txt', 'x265-v2.txt'])('reads every frame of %s', (name) => {
    const lines = fixture(name)
      .split('\n')
      .filter((l) => l.trim() !== '');
    const frames = lines.map(parseVstatsLine);
    expect(frames.every((f) => f !== null)).toBe(true);
    expect(frames.map((f) => f?.frame)).toEqual(lines.map((_, i) => i));
    expect(frames[0]?.type).toBe('I');
    for (const f of frames) {
      expect(f?.sizeBytes).toBeGreaterThan(0);
      expect(f?.qp).toBeGreaterThanOrEqual(-1); // -1: the encoder reported none
      expect(['I', 'P', 'B', 'b']).toContain(f?.type);
    }
  });

  it('ignores lines that are not frame statistics', () => {
    expect(parseVstatsLine('')).toBeNull();
    expect(parseVstatsLine('garbage frame= q=')).toBeNull();
  });

  it('splits bursts at any byte into the same lines', () => {
    const text = fixture('x264-v2.txt');
    const splitter = new LineSplitter();
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += 7) lines.push(...splitter.push(text.slice(i, i + 7)));
    lines.push(...splitter.flush());
    expect(lines.filter((l) => l !== '')).toEqual(text.split('\n').filter((l) => l !== ''));
  });
});
