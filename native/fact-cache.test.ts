import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/helpers/media';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the program fact cache', () => {
  it('is written whole (temp, fsync, rename) and holds the latest facts once written', async () => {
    const cache = tempDir('fw-facts-');
    vi.stubEnv('XDG_CACHE_HOME', cache);
    const facts = await import('./fact-cache');
    for (let i = 0; i < 20; i++) facts.remember(`key-${i}`, { i });
    await facts.factsWritten();
    const dir = path.join(cache, 'framewright');
    expect(readdirSync(dir)).toEqual(['program-facts.json']);
    const saved = JSON.parse(readFileSync(path.join(dir, 'program-facts.json'), 'utf8')) as object;
    expect(Object.keys(saved)).toHaveLength(20);
    expect(saved).toMatchObject({ 'key-19': { i: 19 } });
  });
});
