import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settled, testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

// Whatever goes wrong around a job ends as a failed job with a sentence: never an
// unhandled rejection, never a job left queued for ever.

describe('queue', () => {
  it('an error while starting the next job fails that job with the reason', async () => {
    const dir = tempDir();
    // An unhandled rejection ends the wait at once instead of leaving a job queued for ever.
    let escaped: (reason: unknown) => void = () => undefined;
    const unhandled = new Promise<never>((_resolve, reject) => {
      escaped = reject;
    });
    process.on('unhandledRejection', escaped);
    let checks = 0;
    // The first check lets the first job start; the next one breaks.
    const memoryCheck = (): string | null => {
      if (++checks > 1) throw new Error('Free memory could not be read.');
      return null;
    };
    const engine = await testEngine({ memoryCheck, overrides: { concurrency: 1 } });
    try {
      const clips = ['a.mp4', 'b.mp4'].map((name) => makeClip(path.join(dir, name)));
      const { ids } = await engine.jobs.add({ paths: clips, outDir: path.join(dir, 'out') });
      await engine.jobs.start();
      const [first, second] = await Promise.race([settled(engine, ids), unhandled]);
      expect(first?.status).toBe('done');
      expect(second?.status).toBe('failed');
      expect(second?.error).toBe(
        'Framewright met an unexpected problem with this job: Free memory could not be read.',
      );
    } finally {
      process.off('unhandledRejection', escaped);
      await engine.dispose();
    }
  });
});
