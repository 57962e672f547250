import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultOutDir, userCacheDir, userLogDir, userPresetsDir, userStateDir } from './folders';

const home = os.homedir();
const realPlatform = process.platform;

function onPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

afterEach(() => {
  onPlatform(realPlatform);
  vi.unstubAllEnvs();
});

describe('app folders', () => {
  it('on Linux follow the XDG variables, else the home folder', () => {
    onPlatform('linux');
    vi.stubEnv('XDG_CACHE_HOME', '/c');
    vi.stubEnv('XDG_STATE_HOME', '/s');
    expect(userCacheDir()).toBe('/c/framewright');
    expect(userStateDir()).toBe('/s/framewright');
    expect(userLogDir({})).toBe('/s/framewright/logs');
    vi.stubEnv('XDG_CACHE_HOME', '');
    vi.stubEnv('XDG_STATE_HOME', '');
    expect(userCacheDir()).toBe(path.join(home, '.cache', 'framewright'));
    expect(userStateDir()).toBe(path.join(home, '.local', 'state', 'framewright'));
    expect(defaultOutDir({})).toBe(path.join(home, 'Videos', 'Framewright'));
  });

  it('on macOS use ~/Library and ~/Movies', () => {
    onPlatform('darwin');
    const library = path.join(home, 'Library');
    expect(userCacheDir()).toBe(path.join(library, 'Caches', 'framewright'));
    expect(userStateDir()).toBe(path.join(library, 'Application Support', 'framewright'));
    expect(userLogDir({})).toBe(path.join(library, 'Logs', 'framewright'));
    expect(defaultOutDir({})).toBe(path.join(home, 'Movies', 'Framewright'));
  });

  it('on Windows use %LOCALAPPDATA%', () => {
    onPlatform('win32');
    vi.stubEnv('LOCALAPPDATA', '/local');
    expect(userCacheDir()).toBe(path.join('/local', 'framewright', 'Cache'));
    expect(userStateDir()).toBe(path.join('/local', 'framewright', 'Data'));
    expect(userLogDir({})).toBe(path.join('/local', 'framewright', 'Log'));
    expect(defaultOutDir({})).toBe(path.join(home, 'Videos', 'Framewright'));
  });

  it('put outputs in FRAMEWRIGHT_OUT_DIR for every host, else the videos folder given', () => {
    expect(defaultOutDir({ FRAMEWRIGHT_OUT_DIR: '/out' })).toBe('/out');
    expect(defaultOutDir({ FRAMEWRIGHT_OUT_DIR: '/out' }, '/videos')).toBe('/out');
    expect(defaultOutDir({}, '/videos')).toBe('/videos/Framewright');
  });

  it('keep user presets in one folder for the app and the CLI, and logs beside an overridden state', () => {
    onPlatform('linux');
    vi.stubEnv('XDG_STATE_HOME', '/s');
    expect(userPresetsDir({ FRAMEWRIGHT_STATE_DIR: '/st' })).toBe('/st/presets');
    expect(userPresetsDir({})).toBe('/s/framewright/presets');
    expect(userLogDir({ FRAMEWRIGHT_STATE_DIR: '/st' })).toBe('/st/logs');
    expect(userLogDir({ FRAMEWRIGHT_LOG_DIR: '/l', FRAMEWRIGHT_STATE_DIR: '/st' })).toBe('/l');
  });
});
