import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePreset } from '../../app/presets/schema';
import type { Engine } from '../../main/engine/engine';
import { connectServeFarm, type ServeFarm } from '../../main/cli/commands/serve-farm';
import { runCli, type CliRun } from '../helpers/cli';
import { nextUpdate, settled, testEngine } from '../helpers/engine';
import { makeClip, tempDir } from '../helpers/media';
import { eventually } from '../helpers/processes';
import {
  ffmpegsUnder,
  hasRedis,
  SLOW_PRESET,
  startRedis,
  startWorker,
  type TestRedis,
} from './redis';

// `serve --farm`: the web host's engine runs its queue in the farm. One Redis, one real
// worker, the engine built as serve builds it; jobs go in through the api.

const PASSWORD = 'serve-farm-secret';

describe.skipIf(!hasRedis)(
  hasRedis ? 'serve --farm' : 'serve --farm: skipped, redis-server is not installed',
  () => {
    let redis: TestRedis;
    let dir: string;
    let worker: CliRun;
    let farm: ServeFarm;
    let engine: Engine;

    beforeAll(async () => {
      dir = tempDir('fw-serve-farm-');
      mkdirSync(path.join(dir, 'redis'));
      redis = await startRedis(path.join(dir, 'redis'), PASSWORD);
      worker = await startWorker(['--farm', redis.url, '--name', 'w1', '--allow', dir]);
      farm = await connectServeFarm(redis.url);
      engine = await testEngine({ runner: farm.runner, farmStatus: farm.status });
      await engine.jobs.start();
    });

    afterAll(async () => {
      await engine?.dispose();
      farm?.close();
      if (worker !== undefined && worker.child.exitCode === null) {
        worker.child.kill('SIGTERM');
        await worker.done;
      }
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a wrong password at start with the sentence convert gives', async () => {
      const wrong = await runCli([
        'serve',
        '--port',
        '0',
        '--farm',
        `redis://:wrong@127.0.0.1:${redis.port}`,
      ]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(
        /^framewright: Redis at redis:\/\/127\.0\.0\.1:\d+ refused the password/,
      );
    });

    it('lists the worker in farm.status', async () => {
      const status = await engine.farm.status();
      expect(status?.label).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(status?.workers.map((w) => [w.name, w.online])).toEqual([['w1', true]]);
    });

    it('runs a job added through the api on the worker: done, worker named, one output', async () => {
      const out = path.join(dir, 'out');
      mkdirSync(out);
      const clip = makeClip(path.join(dir, 'small.mp4'));
      const { ids } = await engine.jobs.add({ paths: [clip], presetId: 'h264-mp4', outDir: out });
      const [job] = await settled(engine, ids);
      expect(job?.status).toBe('done');
      expect(job?.worker).toBe('w1');
      expect(job?.output).toBe(path.join(out, 'small.mp4'));
      expect(readdirSync(out)).toEqual(['small.mp4']);
    });

    it('cancels the farm job when the host cancels: no output, no ffmpeg left', async () => {
      const out = path.join(dir, 'cancel-out');
      mkdirSync(out);
      const clip = makeClip(path.join(dir, 'long.mp4'), { seconds: 6, size: '640x360' });
      const slow = parsePreset(SLOW_PRESET);
      if (!slow.ok) throw new Error(slow.errors.join('; '));
      engine.presetStore.addTransient(slow.preset);
      const { ids } = await engine.jobs.add({ paths: [clip], presetId: 'h264-slow', outDir: out });
      const id = ids[0] ?? '';
      await nextUpdate(engine, id, (j) => j.status === 'running' && j.worker === 'w1');
      await new Promise<void>((resolve) => {
        const off = engine.jobs.onProgress((e) => {
          if (e.id === id) {
            off();
            resolve();
          }
        });
      });
      // The Farm view names the file the worker runs (published as it took the job).
      const busy = await engine.farm.status();
      expect(busy?.workers[0]?.current).toEqual([clip]);
      await engine.jobs.cancel({ ids: [id] });
      const [job] = await settled(engine, ids);
      expect(job?.status).toBe('cancelled');
      expect(readdirSync(out)).toEqual([]);
      expect(await eventually(() => ffmpegsUnder(dir).length === 0)).toBe(true);
    });
  },
);
