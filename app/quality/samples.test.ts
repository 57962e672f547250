import { describe, expect, it } from 'vitest';
import { mediaInfoFrom } from '../../test/fixtures/fixtures';
import { keyframeTimes, onKeyframes, pickSamples } from './samples';

describe('pickSamples', () => {
  it('samples a short file whole', () => {
    expect(pickSamples(4, undefined)).toEqual([{ startSec: 0, durationSec: 4 }]);
  });

  it('spreads a few short samples over a longer file, more for longer ones', () => {
    const minute = pickSamples(60, undefined);
    expect(minute).toEqual([
      { startSec: 19, durationSec: 2 },
      { startSec: 39, durationSec: 2 },
    ]);
    const hour = pickSamples(7200, undefined);
    expect(hour).toHaveLength(5);
    hour.forEach((s) => expect(s.startSec + s.durationSec).toBeLessThanOrEqual(7200));
  });

  it('samples only the trimmed part', () => {
    const samples = pickSamples(600, { startSec: 100, endSec: 160 });
    expect(samples).toHaveLength(2);
    samples.forEach((s) => {
      expect(s.startSec).toBeGreaterThanOrEqual(100);
      expect(s.startSec + s.durationSec).toBeLessThanOrEqual(160);
    });
    expect(pickSamples(600, { startSec: 598 })).toEqual([{ startSec: 598, durationSec: 2 }]);
  });
});

describe('onKeyframes', () => {
  const part = { startSec: 0, endSec: 60 };
  const picked = pickSamples(60, undefined);

  it('moves each sample onto its nearest keyframe', () => {
    const keyframes = [0, 10, 20, 30, 40, 50];
    expect(onKeyframes(picked, keyframes, part)).toEqual([
      { startSec: 20, durationSec: 2 },
      { startSec: 40, durationSec: 2 },
    ]);
  });

  it('keeps samples apart, within the part and near where they were picked', () => {
    // 30 would overlap the first sample (29-31); 0 is too far from 19; 59 leaves no room for 2 s.
    expect(onKeyframes(picked, [0, 29, 30, 59], part)).toEqual([
      { startSec: 29, durationSec: 2 },
      { startSec: 39, durationSec: 2 },
    ]);
    expect(onKeyframes(picked, [], part)).toEqual(picked);
  });
});

describe('keyframeTimes', () => {
  const media = mediaInfoFrom('h264-aac2-movtext.mp4.json', '/media/a.mp4');
  const scan = { streamIndex: 0, timeBase: [1, 12800] as [number, number], segments: [] };

  it("reads the probe's keyframe scan in seconds, and only a keyframe scan", () => {
    const cuts = [0, 25600, 64000];
    expect(keyframeTimes({ ...media, resolution: { ...scan, method: 'keyframes', cuts } })).toEqual(
      [0, 2, 5],
    );
    expect(
      keyframeTimes({ ...media, resolution: { ...scan, method: 'every-frame', cuts } }),
    ).toEqual([]);
    expect(keyframeTimes({ ...media, resolution: null })).toEqual([]);
  });
});
