import { describe, expect, it } from 'vitest';
import { pickSamples } from './samples';

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
