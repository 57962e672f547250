import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// Refresh must test the hardware again, even while a run that may answer from the
// cache is still in flight. Two full matrix runs: slow on a loaded machine.

describe('hardware refresh', () => {
  it('a forced run asked for while an unforced one is in flight is not answered from the cache', async () => {
    const engine = await testEngine({ cacheDir: path.join(tempDir(), 'cache') });
    try {
      expect((await engine.hardware.inspect({ refresh: true })).fromCache).toBe(false);
      const unforced = engine.hardware.inspect({ refresh: false });
      const forced = engine.hardware.inspect({ refresh: true });
      const joined = engine.hardware.inspect({ refresh: false });
      expect((await unforced).fromCache).toBe(true);
      expect((await forced).fromCache).toBe(false);
      expect((await joined).fromCache).toBe(false);
    } finally {
      await engine.dispose();
    }
  }, 150_000);
});
