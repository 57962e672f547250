import { describe, expect, it } from 'vitest';
import { programEnv, workerEnv } from './env';

const parent = {
  PATH: '/usr/bin',
  HOME: '/home/a',
  FFMPEG_PATH: '/opt/ffmpeg',
  LIBVA_DRIVER_NAME: 'iHD',
  AWS_SECRET_ACCESS_KEY: 'secret',
  HTTPS_PROXY: 'http://proxy',
  GITHUB_TOKEN: 'token',
};

describe('scrubbed environments', () => {
  it('give the worker its paths and drivers, and no secrets or proxies', () => {
    expect(workerEnv(parent)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/a',
      FFMPEG_PATH: '/opt/ffmpeg',
      LIBVA_DRIVER_NAME: 'iHD',
    });
  });

  it('give programs a C locale, a PATH even when none is set, and the drivers', () => {
    expect(programEnv(parent)).toEqual({
      PATH: '/usr/bin',
      LC_ALL: 'C',
      HOME: '/home/a',
      LIBVA_DRIVER_NAME: 'iHD',
    });
    expect(programEnv({})).toEqual({ PATH: '/usr/bin:/bin', LC_ALL: 'C' });
  });
});
