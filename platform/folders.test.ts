import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOutDir, userCacheDir, userPresetsDir, userStateDir } from './folders';

describe('app folders', () => {
  it('follow the XDG variables, else the home folder', () => {
    expect(userCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/framewright');
    expect(userStateDir({ XDG_STATE_HOME: '/s' })).toBe('/s/framewright');
    expect(userCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'framewright'));
    expect(userStateDir({ XDG_STATE_HOME: '' })).toBe(
      path.join(os.homedir(), '.local', 'state', 'framewright'),
    );
  });

  it('put outputs in FRAMEWRIGHT_OUT_DIR for every host, else Videos/Framewright', () => {
    expect(defaultOutDir({ FRAMEWRIGHT_OUT_DIR: '/out' })).toBe('/out');
    expect(defaultOutDir({ FRAMEWRIGHT_OUT_DIR: '/out' }, '/videos')).toBe('/out');
    expect(defaultOutDir({}, '/videos')).toBe('/videos/Framewright');
    expect(defaultOutDir({})).toBe(path.join(os.homedir(), 'Videos', 'Framewright'));
  });

  it('keep user presets in one folder for the app and the CLI', () => {
    expect(userPresetsDir({ FRAMEWRIGHT_STATE_DIR: '/st' })).toBe('/st/presets');
    expect(userPresetsDir({ XDG_STATE_HOME: '/s' })).toBe('/s/framewright/presets');
  });
});
