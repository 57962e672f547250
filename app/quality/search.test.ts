import { describe, expect, it } from 'vitest';
import { crfForScore, searchCrf, type SearchOptions, type Trial } from './search';
import { CRF_RANGES, interpolationScale, QualityTargetSchema } from './target';

// A synthetic encoder: the score falls and the size halves every 6 CRF; `hardness` shifts
// the curve as harder (grainier) content would.
function encoder(hardness = 0) {
  const tried: number[] = [];
  const score = (crf: number): number => 100 - 0.02 * Math.exp((crf + hardness) / 8);
  const run = (crf: number): Promise<Trial> => {
    tried.push(crf);
    return Promise.resolve({ crf, score: score(crf), sizePercent: 80 * 2 ** (-(crf - 18) / 6) });
  };
  return { run, tried, score };
}

const x264: SearchOptions = { target: 95, range: CRF_RANGES.libx264, start: 23 };

describe('searchCrf', () => {
  it('finds the highest CRF that reaches the target, in few trials', async () => {
    const e = encoder();
    const out = await searchCrf(x264, e.run);
    expect(out.kind).toBe('reached');
    expect(e.score(out.crf)).toBeGreaterThanOrEqual(95);
    expect(e.score(out.crf + 1)).toBeLessThan(95);
    expect(new Set(e.tried).size).toBe(e.tried.length);
    // On the metric's own scale interpolation closes in faster than bisecting 0..51 (6 trials).
    const scaled = encoder();
    const again = await searchCrf({ ...x264, scale: interpolationScale('vmaf') }, scaled.run);
    expect(again.crf).toBe(out.crf);
    expect(scaled.tried.length).toBeLessThanOrEqual(4);
  });

  it('gives harder content a lower CRF', async () => {
    const clean = await searchCrf(x264, encoder().run);
    const grainy = await searchCrf(x264, encoder(12).run);
    expect(grainy.crf).toBeLessThan(clean.crf);
  });

  it('stays inside the encoder range', async () => {
    const easy = encoder(-100);
    const out = await searchCrf({ ...x264, range: CRF_RANGES.libsvtav1 }, easy.run);
    expect(out).toMatchObject({ kind: 'reached', crf: 63 });
    expect(Math.max(...easy.tried)).toBe(63);
    expect(Math.min(...easy.tried)).toBeGreaterThanOrEqual(1);
  });

  it('says the target is out of reach and keeps the best quality', async () => {
    const e = encoder();
    const out = await searchCrf({ ...x264, target: 99.999 }, e.run);
    expect(out).toMatchObject({ kind: 'unreachable', why: 'quality', crf: 0 });
    expect(e.tried).toContain(0);
  });

  it('keeps under the size cap, with the best quality that fits', async () => {
    const e = encoder();
    const reachedAt = (await searchCrf(x264, encoder().run)).trial.sizePercent;
    const cap = reachedAt / 1.5;
    const out = await searchCrf({ ...x264, maxSizePercent: cap }, e.run);
    expect(out.kind).toBe('unreachable');
    if (out.kind !== 'unreachable') return;
    expect(out.why).toBe('size');
    expect(out.trial.sizePercent).toBeLessThanOrEqual(cap);
    // One CRF lower would overflow the cap.
    expect(80 * 2 ** (-(out.crf - 1 - 18) / 6)).toBeGreaterThan(cap);
  });

  it('reaches the target under a cap it fits', async () => {
    const out = await searchCrf({ ...x264, maxSizePercent: 500 }, encoder().run);
    expect(out.kind).toBe('reached');
  });

  it('ends early on a trial close enough above the target', async () => {
    const e = encoder();
    const exact = await searchCrf(x264, encoder().run);
    const out = await searchCrf({ ...x264, start: exact.crf, closeEnough: 5 }, e.run);
    expect(out.crf).toBe(exact.crf);
    expect(e.tried).toEqual([exact.crf]);
  });

  it('stops after the trial limit with the best passing CRF so far', async () => {
    const e = encoder();
    const out = await searchCrf({ ...x264, maxTrials: 2 }, e.run);
    expect(e.tried).toHaveLength(2);
    expect(e.score(out.crf)).toBeGreaterThanOrEqual(95);
  });
});

describe('QualityTargetSchema', () => {
  it('takes targets on each metric scale and refuses others', () => {
    expect(QualityTargetSchema.safeParse({ metric: 'ssim', target: 0.97 }).success).toBe(true);
    expect(QualityTargetSchema.safeParse({ metric: 'vmaf', target: 95 }).success).toBe(true);
    expect(QualityTargetSchema.safeParse({ metric: 'ssim', target: 95 }).success).toBe(false);
    expect(QualityTargetSchema.safeParse({ metric: 'psnr', target: 40, x: 1 }).success).toBe(false);
  });
});

describe('crfForScore', () => {
  it('reads the CRF for a score off the trials, rounding toward quality', () => {
    const trials = [30, 20, 40].map((crf) => ({ crf, score: 100 - crf, sizePercent: 1 }));
    expect(crfForScore(trials, 75)).toBe(25);
    expect(crfForScore(trials, 74.5)).toBe(25);
    expect(crfForScore(trials, 85)).toBe(15);
    expect(crfForScore(trials.slice(0, 1), 85)).toBeNull();
  });
});
