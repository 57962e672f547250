import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../main/engine/engine';
import { testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

// preview.make through the engine: the job's probe, settings and encoder, files in the
// cache folder's previews/, cancellable, and gone when the engine is disposed.

describe('preview.make', () => {
  let engine: Engine;
  let dir: string;
  let jobId: string;
  beforeAll(async () => {
    dir = tempDir();
    engine = await testEngine({ cacheDir: path.join(dir, 'cache') });
    const { ids } = await engine.jobs.add({
      paths: [makeClip(path.join(dir, 'a.mp4'), { seconds: 4 })],
      outDir: path.join(dir, 'out'),
      settings: { maxHeight: 60 },
    });
    jobId = ids[0] ?? '';
  });
  afterAll(() => engine.dispose());

  it("makes stills and a clip for the job, in the cache folder's previews", async () => {
    const result = await engine.preview.make({ requestId: 'r1', jobId, at: [1], clipSec: 1 });
    expect(result.folder).toBe(path.join(dir, 'cache', 'previews', 'r1'));
    expect(result.stills.map((s) => s.atSec)).toEqual([1]);
    const files = [result.clip.file, ...result.stills.flatMap((s) => [s.before, s.after])];
    for (const file of files) expect(existsSync(path.join(result.folder, file))).toBe(true);
    expect(result.estimatedBytes).toBeGreaterThan(0);
  });

  it('a cancelled request ends with a sentence', async () => {
    const making = engine.preview.make({ requestId: 'r2', jobId, clipSec: 2 });
    await engine.preview.cancel({ requestId: 'r2' });
    await expect(making).rejects.toThrow('Cancelled.');
  });

  it('an unknown job is a sentence', async () => {
    await expect(engine.preview.make({ requestId: 'r3', jobId: 'nope' })).rejects.toThrow(
      'That job is no longer in the queue.',
    );
  });

  it('dispose removes the previews', async () => {
    await engine.dispose();
    expect(existsSync(path.join(dir, 'cache', 'previews', 'r1'))).toBe(false);
  });
});
