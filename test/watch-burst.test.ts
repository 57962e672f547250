import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../app/jobs/job';
import { LedgerFile } from '../main/watch/ledger-file';
import { WatchService } from '../main/watch/watch-service';
import { tempDir } from './helpers/media';

// A burst of 1,000 files: each is taken once, handed over in batches of at most 100,
// and nothing stays pending. The engine's queue is stood in for by a recorder (no
// file here is converted: the batching is under test).

describe('watch folders under a burst', () => {
  it('takes 1,000 files once each, in batches of at most 100', async () => {
    const dir = tempDir('fw-watch-burst-');
    const inbox = path.join(dir, 'in');
    mkdirSync(path.join(inbox, 'nested'), { recursive: true });
    const files = Array.from({ length: 1000 }, (_, i) =>
      path.join(inbox, i % 2 === 0 ? 'nested' : '', `clip-${i}.mkv`),
    );
    for (const file of files) writeFileSync(file, file);
    const batches: string[][] = [];
    let next = 0;
    const service = new WatchService({
      jobs: {
        add: (input) => {
          batches.push(input.paths);
          return Promise.resolve({ ids: input.paths.map(() => `job-${next++}`), skipped: [] });
        },
        start: () => Promise.resolve({ running: true, concurrency: 1, throttled: null }),
        onUpdate: (_listener: (job: Job) => void) => () => undefined,
      },
      ledger: new LedgerFile(null, () => undefined),
      settleMs: 300,
    });
    const taken: string[] = [];
    const all = new Promise<void>((resolve) =>
      service.events.on((event) => {
        if (event.type !== 'taken') return;
        taken.push(event.file);
        if (taken.length === files.length) resolve();
      }),
    );
    await service.setFolders([
      {
        id: 'burst',
        folder: inbox,
        presetId: 'h264-mp4',
        outDir: path.join(dir, 'out'),
        enabled: true,
        subfolders: true,
        minSizeBytes: 0,
      },
    ]);
    await all;
    expect(new Set(taken).size).toBe(files.length);
    expect([...taken].sort()).toEqual([...files].sort());
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(100);
    expect(service.states()[0]).toMatchObject({ taken: files.length });
    await service.close();
  });
});
