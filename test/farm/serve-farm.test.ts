import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../app/jobs/job';
import { parsePreset, type Preset } from '../../app/presets/schema';
import type { Engine } from '../../main/engine/engine';
import { connectServeFarm, type ServeFarm } from '../../main/cli/commands/serve-farm';
import { runCli, type CliRun } from '../helpers/cli';
import { nextUpdate, settled, testEngine } from '../helpers/engine';
import { makeClip, tempDir } from '../helpers/media';
import { eventually } from '../helpers/processes';
import { chunkableClip, ffmpegsUnder, SLOW_PRESET, startWorker } from './redis';
import { hasRedis, startRedis, stopAll, type TestRedis } from './redis-server';

// `serve --farm`: the web host's engine runs its queue in the farm. One Redis, one real
// worker, the engine built as serve builds it; jobs go in through the api.

const PASSWORD = 'serve-farm-secret';

const slowParsed = parsePreset(SLOW_PRESET);
if (!slowParsed.ok) throw new Error(slowParsed.errors.join('; '));
const slow: Preset = slowParsed.preset;

/** The job as the host's state file holds it. */
function savedJob(stateDir: string, id: string): Job | undefined {
  try {
    const state = JSON.parse(readFileSync(path.join(stateDir, 'state.json'), 'utf8')) as {
      jobs: Job[];
    };
    return state.jobs.find((j) => j.id === id);
  } catch {
    return undefined;
  }
}

describe.skipIf(!hasRedis)(
  hasRedis ? 'serve --farm' : 'serve --farm: skipped, redis-server is not installed',
  () => {
    let redis: TestRedis;
    let dir: string;
    let worker: CliRun;
    let farm: ServeFarm;
    let engine: Engine;

    /** A web host as `serve --farm --state-dir` builds it, its queue started. */
    const host = async (stateDir: string | null): Promise<{ farm: ServeFarm; engine: Engine }> => {
      const farm = await connectServeFarm(redis.url);
      const engine = await testEngine({ stateDir, runner: farm.runner, farmStatus: farm.status });
      engine.presetStore.addTransient(slow);
      await engine.jobs.start();
      return { farm, engine };
    };

    beforeAll(async () => {
      dir = tempDir('fw-serve-farm-');
      mkdirSync(path.join(dir, 'redis'));
      redis = await startRedis(path.join(dir, 'redis'), PASSWORD);
      worker = await startWorker(['--farm', redis.url, '--name', 'w1', '--allow', dir]);
      ({ farm, engine } = await host(null));
    });

    afterAll(async () => {
      await engine?.dispose();
      farm?.close();
      await stopAll({ workers: [worker?.child], redis, dir });
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

    it('encodes a job with chunks as a flow, as convert --farm does: each chunk names its worker', async () => {
      const out = path.join(dir, 'chunked-out');
      mkdirSync(out);
      const clip = chunkableClip(path.join(dir, 'film.mp4'), 4);
      const { ids } = await engine.jobs.add({
        paths: [clip],
        presetId: 'h264-mp4',
        outDir: out,
        settings: { chunks: 2 },
      });
      const [job] = await settled(engine, ids);
      expect(job?.status).toBe('done');
      expect(job?.chunks).toBe(2);
      expect(job?.chunkWorkers).toEqual(['w1', 'w1']);
      expect(readdirSync(out)).toEqual(['film.mp4']);
    });

    it('fails a chunked job whose chunk fails, with the chunk named: no output, no parts left', async () => {
      // The worker may not write there (--allow), so each chunk fails on it.
      const out = tempDir('fw-serve-farm-refused-');
      try {
        const { ids } = await engine.jobs.add({
          paths: [path.join(dir, 'film.mp4')],
          presetId: 'h264-mp4',
          outDir: out,
          settings: { chunks: 2 },
        });
        const [job] = await settled(engine, ids);
        expect(job?.status).toBe('failed');
        expect(job?.error).toMatch(
          /^Chunk [12] of 2 failed on w1: .* is outside the folders this worker may use \(--allow\)\.$/,
        );
        expect(readdirSync(out)).toEqual([]);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });

    // After the cancel above: its clip is encoded again, this time across host restarts.
    it('follows its farm job again after a stop or a kill (even before its state was saved), never queueing it twice', async () => {
      const out = path.join(dir, 'restart-out');
      mkdirSync(out);
      const stopped = path.join(dir, 'stopped-state');
      const killed = path.join(dir, 'killed-state');
      const lagging = path.join(dir, 'lagging-state');
      mkdirSync(killed);
      mkdirSync(lagging);
      const first = await host(stopped);
      const { ids } = await first.engine.jobs.add({
        paths: [path.join(dir, 'long.mp4')],
        presetId: 'h264-slow',
        outDir: out,
      });
      const id = ids[0] ?? '';
      await nextUpdate(first.engine, id, (j) => j.status === 'running' && j.worker === 'w1');
      // What a killed host leaves: its state file as saved while the job ran.
      expect(await eventually(() => savedJob(stopped, id)?.status === 'running')).toBe(true);
      copyFileSync(path.join(stopped, 'state.json'), path.join(killed, 'state.json'));
      const farmId = savedJob(stopped, id)?.farm?.id;
      expect(farmId).toEqual(expect.any(String));
      // A host killed before its state file had the job's start: the job as first queued.
      const state = JSON.parse(readFileSync(path.join(killed, 'state.json'), 'utf8')) as {
        jobs: Job[];
      };
      state.jobs = state.jobs.map((j) =>
        j.id === id
          ? {
              ...j,
              status: 'queued',
              startedAt: null,
              attempts: 0,
              farm: undefined,
              worker: undefined,
            }
          : j,
      );
      writeFileSync(path.join(lagging, 'state.json'), JSON.stringify(state));
      // A stopping host (SIGTERM) leaves the farm job running and its own job queued.
      first.farm.leave();
      await first.engine.dispose();
      first.farm.close();
      expect(savedJob(stopped, id)).toMatchObject({ status: 'queued', farm: { id: farmId } });

      // All start again, each on its own state: each follows the one farm job to its end.
      const again = await Promise.all([host(stopped), host(killed), host(lagging)]);
      try {
        const ends = await Promise.all(again.map(async (h) => (await settled(h.engine, [id]))[0]));
        for (const job of ends) {
          expect(job).toMatchObject({ status: 'done', worker: 'w1', farm: { id: farmId } });
          expect(job?.output).toBe(path.join(out, 'long.mp4'));
        }
        expect(readdirSync(out)).toEqual(['long.mp4']);
      } finally {
        for (const h of again) {
          await h.engine.dispose();
          h.farm.close();
        }
      }
    });
  },
);
