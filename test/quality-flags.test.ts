import { describe, expect, it } from 'vitest';
import { settingsFromFlags } from '../main/cli/settings-flags';

// The quality target's flags: --target-quality METRIC:SCORE and --max-size-percent N.

describe('--target-quality and --max-size-percent', () => {
  it('become the job setting', () => {
    expect(settingsFromFlags({ 'target-quality': 'SSIM:0.97' }, false)).toEqual({
      quality: { metric: 'ssim', target: 0.97 },
    });
    expect(
      settingsFromFlags({ 'target-quality': 'vmaf:95', 'max-size-percent': '60' }, false),
    ).toEqual({ quality: { metric: 'vmaf', target: 95, maxSizePercent: 60 } });
  });

  it('refuse what they cannot mean, naming the flag', () => {
    const refused = (values: Parameters<typeof settingsFromFlags>[0]): string => {
      try {
        settingsFromFlags(values, false);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refused({ 'target-quality': '0.97' })).toMatch(/^--target-quality must be METRIC:SCORE/);
    expect(refused({ 'target-quality': 'butteraugli:2' })).toBe(
      '--target-quality must be ssim, psnr or vmaf.',
    );
    expect(refused({ 'target-quality': 'ssim:95' })).toMatch(/^--target-quality .*metric scale/);
    expect(refused({ 'max-size-percent': '50' })).toBe(
      '--max-size-percent needs --target-quality, the score to reach.',
    );
    expect(refused({ 'target-quality': 'psnr:40', 'max-size-percent': 'half' })).toBe(
      '--max-size-percent needs a whole number.',
    );
  });
});
