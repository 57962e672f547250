import { describe, expect, it } from 'vitest';
import { settingsFromFlags } from '../main/cli/settings-flags';

// `--metrics` and `--metrics-every` become the job's metrics setting; a bad value is a
// usage error naming the flag.

describe('--metrics flags', () => {
  it('ask for the metrics, on every Nth frame', () => {
    expect(settingsFromFlags({ metrics: 'ssim,PSNR' }, true)).toEqual({
      metrics: { names: ['ssim', 'psnr'] },
    });
    expect(settingsFromFlags({ metrics: 'vmaf', 'metrics-every': '5' }, true)).toEqual({
      metrics: { names: ['vmaf'], every: 5 },
    });
  });

  it.each([
    [{ metrics: 'ssim,butteraugli' }, /^--metrics must be ssim, psnr, vmaf or xpsnr\.$/],
    [{ metrics: 'ssim,ssim' }, /^--metrics ssim,ssim is not accepted: name each metric once\.$/],
    [{ metrics: 'ssim', 'metrics-every': '0' }, /^--metrics-every must be at least 1\.$/],
    [{ metrics: 'ssim', 'metrics-every': 'x' }, /^--metrics-every needs a whole number\.$/],
    [{ 'metrics-every': '2' }, /^--metrics-every needs --metrics/],
  ])('%o is a usage error naming the flag', (values, message) => {
    expect(() => settingsFromFlags(values, true)).toThrow(message);
  });
});
