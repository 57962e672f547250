import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures/fixtures';
import { FFMPEG_PREFIX, hasPrefix } from '../ffmpeg/safety';
import {
  analysisFrom,
  cropdetectArgs,
  cropFromSamples,
  cropSamplePositions,
  idetArgs,
  interlacedByFieldOrder,
  interlacedFrom,
  parseCropdetect,
  parseIdet,
} from './analysis';

// Recorded with ffmpeg 5.1 by test/fixtures/analysis/record.sh, with these arguments.
const recorded = (name: string): string => readFixture(`analysis/${name}`);
const letterbox = Array.from({ length: 10 }, (_, i) => recorded(`letterbox-crop-${i + 1}.txt`));
const frame = { width: 320, height: 240 };

describe('cropdetect', () => {
  it('samples ten positions inside the duration, never its ends', () => {
    const at = cropSamplePositions(11);
    expect(at).toHaveLength(10);
    expect(at[0]).toBeCloseTo(1);
    expect(at.at(-1)).toBeCloseTo(10);
    expect(cropSamplePositions(null)).toEqual([0]);
  });

  it('builds sandbox-safe commands that seek before the input', () => {
    const args = cropdetectArgs('/m/-x.mp4', 12.5);
    expect(hasPrefix(args, FFMPEG_PREFIX)).toBe(true);
    expect(args.slice(FFMPEG_PREFIX.length, FFMPEG_PREFIX.length + 4)).toEqual([
      '-ss',
      '12.500',
      '-i',
      'file:/m/-x.mp4',
    ]);
    expect(args.slice(-5)).toEqual(['-vf', 'cropdetect=round=2', '-f', 'null', '-']);
    expect(idetArgs('/m/a.mkv', 0)).not.toContain('-ss');
  });

  it('reads the bounds of a letterboxed sample and skips an all-black one', () => {
    expect(parseCropdetect(letterbox[4] ?? '')).toEqual({ x1: 0, x2: 319, y1: 30, y2: 209 });
    expect(parseCropdetect(letterbox[0] ?? '')).toBeNull(); // two seconds of black
    // Black, then the picture: the last line covers the whole run.
    expect(parseCropdetect(letterbox[1] ?? '')).toEqual({ x1: 0, x2: 319, y1: 30, y2: 209 });
    expect(parseCropdetect('no cropdetect here')).toBeNull();
  });

  it('finds the picture of a letterboxed source despite a black opening', () => {
    expect(cropFromSamples(letterbox, frame)).toEqual({ width: 320, height: 180, x: 0, y: 30 });
  });

  it('keeps everything any sample showed (union), on even coordinates', () => {
    const early = recorded('pillar-crop-early.txt');
    const late = recorded('pillar-crop-late.txt');
    expect(cropFromSamples([early], frame)).toEqual({ width: 240, height: 240, x: 40, y: 0 });
    expect(cropFromSamples([early, late], frame)).toEqual({ width: 250, height: 240, x: 40, y: 0 });
    const odd = '[Parsed_cropdetect_0 @ 0x1] x1:3 x2:316 y1:31 y2:208 w:1 h:1';
    expect(cropFromSamples([odd], frame)).toEqual({ width: 316, height: 180, x: 2, y: 30 });
  });

  it('proposes nothing when nothing would be removed, or every sample was black', () => {
    const full = '[Parsed_cropdetect_0 @ 0x1] x1:0 x2:319 y1:0 y2:239 w:320 h:240';
    expect(cropFromSamples([full, ...letterbox], frame)).toBeNull();
    expect(cropFromSamples([letterbox[0] ?? ''], frame)).toBeNull();
    expect(cropFromSamples([], frame)).toBeNull();
  });
});

describe('idet', () => {
  it('reads the multi-frame counts', () => {
    expect(parseIdet(recorded('idet-tff.txt'))).toEqual({
      tff: 301,
      bff: 0,
      progressive: 0,
      undetermined: 0,
    });
    expect(parseIdet('nothing')).toBeNull();
  });

  it('calls interlaced only when one field order clearly dominates', () => {
    expect(interlacedFrom(parseIdet(recorded('idet-tff.txt')))).toBe(true);
    expect(interlacedFrom(parseIdet(recorded('idet-bff.txt')))).toBe(true);
    expect(interlacedFrom(parseIdet(recorded('idet-progressive.txt')))).toBe(false);
    // testsrc2's motion: a TFF/BFF mix with no winner is not interlacing.
    expect(interlacedFrom(parseIdet(recorded('idet-testsrc2.txt')))).toBe(false);
    expect(interlacedFrom({ tff: 5, bff: 0, progressive: 2, undetermined: 293 })).toBeNull();
  });

  it('falls back to the field order only when idet cannot tell', () => {
    expect(interlacedByFieldOrder('tt')).toBe(true);
    expect(interlacedByFieldOrder('progressive')).toBe(false);
    expect(interlacedByFieldOrder('unknown')).toBeNull();
    const tff = recorded('idet-tff.txt');
    expect(analysisFrom({ crop: letterbox, idet: tff }, frame, 'progressive')).toEqual({
      crop: { width: 320, height: 180, x: 0, y: 30 },
      interlaced: true,
    });
    expect(analysisFrom({ crop: [], idet: '' }, frame, 'bb')).toEqual({
      crop: null,
      interlaced: true,
    });
    expect(analysisFrom({ crop: [], idet: '' }, frame)).toEqual({ crop: null, interlaced: null });
  });
});
