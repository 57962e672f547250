import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchOverview } from '../app/watch/model';
import { createRouter } from '../main/api/router';
import { withPolicy } from '../main/server/policy';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// The `watch` api: folders are validated (absolute, existing, a known preset), kept in
// the state folder and watched again by the next engine; the web host's policy limits
// them to its --watch-root folders and its own output folder.

describe('watch api', () => {
  it('validates, saves and restores watch folders; the web policy limits them', async () => {
    const dir = tempDir('fw-watch-api-');
    const stateDir = path.join(dir, 'state');
    const inbox = path.join(dir, 'in');
    mkdirSync(inbox);
    const folder = {
      folder: inbox,
      presetId: 'h264-mp4',
      outDir: path.join(dir, 'out'),
      enabled: true,
      subfolders: false,
      minSizeBytes: 1000,
      extensions: ['mkv'],
    };
    const engine = await testEngine({ stateDir, watch: { times: { pollMs: 100 } } });
    const router = createRouter(engine);
    const call = (method: string, input: unknown) =>
      router.handle({ type: 'call', id: 1, service: 'watch', method, input });
    try {
      expect(await call('save', { folder: { ...folder, folder: 'in' } })).toMatchObject({
        type: 'error',
        error: { message: expect.stringMatching(/must be an absolute path/) as unknown },
      });
      expect(
        await call('save', { folder: { ...folder, folder: path.join(dir, 'missing') } }),
      ).toMatchObject({
        type: 'error',
        error: { message: `The folder ${path.join(dir, 'missing')} does not exist.` },
      });
      expect(await call('save', { folder: { ...folder, presetId: 'nope' } })).toMatchObject({
        type: 'error',
      });
      expect(
        await call('save', { folder: { ...folder, settings: { folder: 'beside-source' } } }),
      ).toMatchObject({
        type: 'error',
        error: { message: expect.stringMatching(/its own outputs/) as unknown },
      });

      const watching = new Promise<WatchOverview>((resolve) => {
        const off = engine.watch.onChanged((overview) => {
          if (overview.folders[0]?.status === 'watching') {
            off();
            resolve(overview);
          }
        });
      });
      const saved = await engine.watch.save({ folder });
      const id = saved.folders[0]?.folder.id ?? '';
      expect(saved.folders).toMatchObject([{ folder: { ...folder, id } }]);
      await watching;
      const file = JSON.parse(
        readFileSync(path.join(stateDir, 'watch', 'folders.json'), 'utf8'),
      ) as unknown;
      expect(file).toMatchObject({ version: 1, folders: [{ id, folder: inbox }] });

      // The web host: nothing to watch without --watch-root; outputs go to its own folder.
      const spoolDir = path.join(dir, 'spool');
      const webOut = path.join(dir, 'web-out');
      const closed = withPolicy(engine, { spoolDir, outDir: webOut });
      await expect(closed.watch.save({ folder })).rejects.toThrow(/start it with --watch-root DIR/);
      const open = withPolicy(engine, { spoolDir, outDir: webOut, watchRoots: [dir] });
      const web = await open.watch.save({ folder: { ...folder, id, enabled: false } });
      expect(web).toMatchObject({ allowedRoots: [dir], fixedOutDir: webOut });
      expect(web.folders).toMatchObject([{ folder: { id, outDir: webOut }, status: 'disabled' }]);
    } finally {
      await engine.dispose();
    }

    const again = await testEngine({ stateDir });
    try {
      const listed = await again.watch.list();
      expect(listed.folders).toMatchObject([
        { folder: { folder: inbox, enabled: false }, status: 'disabled' },
      ]);
      expect(
        (await again.watch.remove({ id: listed.folders[0]?.folder.id ?? '' })).folders,
      ).toEqual([]);
    } finally {
      await again.dispose();
    }
  });
});
