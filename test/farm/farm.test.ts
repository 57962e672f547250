import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FARM_PREFIX, lastingOptions, parseFarmUrl } from '../../main/farm/connection';
import { CHUNK_ROUTE, GENERAL_ROUTE } from '../../main/farm/payload';
import { runCli, startCli, type CliRun, type ConvertSummary } from '../helpers/cli';
import { decodeErrors, makeClip, tempDir } from '../helpers/media';
import { frameTimes } from '../helpers/resolution';
import { eventually } from '../helpers/processes';
import { chunkableClip, ffmpegsUnder, SLOW_PRESET, startWorker } from './redis';
import { hasRedis, startRedis, stopAll, type TestRedis } from './redis-server';

// The farm end to end: one Redis (password, append-only file) and two workers shared by
// every case, real ffmpeg on tiny lavfi clips. Workers use a 2-second BullMQ lock
// (--lock-duration) so a killed worker's job moves on quickly.

interface FarmSummary {
  jobs: (ConvertSummary['jobs'][number] & {
    worker?: string;
    chunks?: number;
    chunkWorkers?: string[];
  })[];
}

const PASSWORD = 'farm-test-secret';

/**
 * Pairs of farm jobs (whole jobs, chunks, joins) one worker ran at the same time, by the
 * start and end each run recorded in its result (BullMQ's own times also count its
 * bookkeeping around the run).
 */
async function overlapsOnOneWorker(url: string): Promise<string[]> {
  const connection = lastingOptions(parseFarmUrl(url));
  const runs: { id: string; by: string; from: number; to: number }[] = [];
  for (const name of [GENERAL_ROUTE, CHUNK_ROUTE]) {
    const queue = new Queue(name, { connection, prefix: FARM_PREFIX });
    for (const job of await queue.getJobs(['completed'])) {
      const result = job.returnvalue as { startedAt?: number; finishedAt?: number } | null;
      if (job.processedBy && result?.startedAt && result.finishedAt)
        runs.push({
          id: job.id ?? '',
          by: job.processedBy,
          from: result.startedAt,
          to: result.finishedAt,
        });
    }
    await queue.close();
  }
  return runs.flatMap((a) =>
    runs
      .filter((b) => a.id < b.id && a.by === b.by && a.from < b.to && b.from < a.to)
      .map((b) => `${a.id} and ${b.id} on ${a.by}`),
  );
}

describe.skipIf(!hasRedis)(
  hasRedis ? 'farm (BullMQ on Redis)' : 'farm: skipped, redis-server is not installed',
  () => {
    let redis: TestRedis;
    let dir: string;
    const workers = new Map<string, CliRun>();

    const worker = async (name: string): Promise<void> => {
      const run = await startWorker([
        '--farm',
        redis.url,
        '--name',
        name,
        '--allow',
        dir,
        '--lock-duration',
        '2',
      ]);
      workers.set(name, run);
    };
    const convert = (args: string[]): CliRun => startCli(['convert', ...args, '--farm', redis.url]);

    beforeAll(async () => {
      dir = tempDir('fw-farm-');
      mkdirSync(path.join(dir, 'redis'));
      redis = await startRedis(path.join(dir, 'redis'), PASSWORD);
      // One after the other: the first may test the hardware matrix, the next reuse it.
      await worker('w1');
      await worker('w2');
    });

    afterAll(() => stopAll({ workers: [...workers.values()].map((run) => run.child), redis, dir }));

    it('refuses a wrong password at start with one sentence', async () => {
      const wrong = await runCli([
        'worker',
        '--farm',
        `redis://:wrong@127.0.0.1:${redis.port}`,
        '--allow',
        dir,
      ]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(
        /^framewright: Redis at redis:\/\/127\.0\.0\.1:\d+ refused the password/,
      );
      expect(wrong.stderr).not.toContain(PASSWORD);
    });

    it('spreads a batch over every worker, each output committed once under its final name', async () => {
      const media = path.join(dir, 'batch');
      const out = path.join(dir, 'batch-out');
      mkdirSync(media);
      for (let i = 1; i <= 3; i++) makeClip(path.join(media, `clip${i}.mp4`));
      // Named like clip1.mp4's output: the batch gives it the next free name, not a failed commit.
      makeClip(path.join(media, 'clip1.mkv'));
      // Named without a probe at submit time: the worker's probe fails it, in the local words.
      writeFileSync(path.join(media, 'clip4.mp4'), 'not a video');
      const { code, stdout } = await convert([
        media,
        '--preset',
        'h264-mp4',
        '--out',
        out,
        '--json',
      ]).done;
      expect(code).toBe(1);
      const summary = JSON.parse(stdout) as FarmSummary;
      const statuses = ['done', 'done', 'done', 'done', 'failed'];
      expect(summary.jobs.map((j) => j.status)).toEqual(statuses);
      expect(summary.jobs[4]?.error).toMatch(/^The file is damaged or is not a media file FFmpeg/);
      const encoded = summary.jobs.slice(0, 4).map((j) => j.worker);
      expect(new Set(encoded)).toEqual(new Set(['w1', 'w2']));
      expect(readdirSync(out).sort()).toEqual([
        'clip1 (1).mp4',
        'clip1.mp4',
        'clip2.mp4',
        'clip3.mp4',
      ]);
    });

    it('encodes a chunked job as a flow: each chunk names its worker, one exact output, no parts left', async () => {
      const media = path.join(dir, 'chunked');
      const out = path.join(dir, 'chunked-out');
      mkdirSync(media);
      const clip = chunkableClip(path.join(media, 'film.mp4'), 6);
      // A whole job queued beside the chunks: each worker (concurrency 1) still runs one at a time.
      const beside = makeClip(path.join(dir, 'beside.mp4'));
      const besideRun = convert([beside, '--preset', 'h264-mp4', '--out', out, '--json']);
      const { code, stdout } = await convert([
        clip,
        ...['--preset', 'h264-mp4', '--chunks', '2', '--out', out, '--json'],
      ]).done;
      expect(code).toBe(0);
      expect((await besideRun.done).code).toBe(0);
      expect(await overlapsOnOneWorker(redis.url)).toEqual([]);
      const [job] = (JSON.parse(stdout) as FarmSummary).jobs;
      expect(job?.status).toBe('done');
      expect(job?.chunks).toBe(2);
      // Each chunk names the worker that encoded it (which one takes which is BullMQ's choice).
      expect(job?.chunkWorkers).toHaveLength(2);
      for (const worker of job?.chunkWorkers ?? []) expect(['w1', 'w2']).toContain(worker);
      expect(['w1', 'w2']).toContain(job?.worker);
      expect(readdirSync(out).sort()).toEqual(['beside.mp4', 'film.mp4']);
      const output = path.join(out, 'film.mp4');
      expect(frameTimes(output).length).toBe(frameTimes(clip).length);
      expect(decodeErrors(output)).toBe('');
    });

    it('refuses a job whose input is outside --allow, with a sentence and no retry', async () => {
      const elsewhere = tempDir('fw-farm-outside-');
      const clip = makeClip(path.join(elsewhere, 'secret.mp4'));
      const { code, stdout } = await convert([
        clip,
        '--preset',
        'h264-mp4',
        '--out',
        path.join(dir, 'refused-out'),
        '--json',
      ]).done;
      expect(code).toBe(1);
      const [job] = (JSON.parse(stdout) as FarmSummary).jobs;
      expect(job?.status).toBe('failed');
      expect(job?.error).toMatch(/is outside the folders this worker may use \(--allow\)\.$/);
      expect(readdirSync(path.join(dir, 'refused-out'))).toEqual([]);
      rmSync(elsewhere, { recursive: true, force: true });
    });

    it('keeps a hardware-only job waiting with a reason, and loses nothing when Redis restarts', async () => {
      const media = path.join(dir, 'hw');
      mkdirSync(media);
      const clip = makeClip(path.join(media, 'gpu.mp4'));
      const presetFile = path.join(dir, 'nvenc-only.json');
      writeFileSync(
        presetFile,
        JSON.stringify({
          id: 'h264-nvenc-only',
          name: 'H.264 on NVIDIA only',
          container: 'mp4',
          extension: '.mp4',
          video: { codec: 'libx264', crf: 23 },
          audio: { codec: 'aac', bitrateKbps: 128 },
          hardware: 'nvidia',
        }),
      );
      const waiting = convert([
        clip,
        '--preset-file',
        presetFile,
        '--preset',
        'h264-nvenc-only',
        '--out',
        path.join(dir, 'hw-out'),
        '--events',
        'ndjson',
      ]);
      const reason = await waiting.waitForEvent((e) => e.type === 'waiting');
      expect(reason.message).toMatch(/^Waiting: no worker online can encode with NVIDIA .* H\.264/);

      await redis.restart();
      const listed = await runCli(['jobs', '--farm', redis.url, '--json']);
      expect(listed.code).toBe(0);
      const { jobs } = JSON.parse(listed.stdout) as {
        jobs: { id: string; status: string; route: string }[];
      };
      expect(jobs.filter((j) => j.route === 'hw-nvidia-h264').map((j) => j.status)).toEqual([
        'queued',
      ]);

      waiting.child.kill('SIGINT');
      await waiting.done;
    });

    // After the Redis restart above: the workers reconnected by themselves to take this job.
    it('finishes the job of a worker killed mid-encode elsewhere: one output, no ffmpeg left', async () => {
      const media = path.join(dir, 'kill');
      const out = path.join(dir, 'kill-out');
      mkdirSync(media);
      const clip = makeClip(path.join(media, 'long.mp4'), { seconds: 6, size: '640x360' });
      // x264's "slow": long enough to be mid-encode when the progress event arrives.
      const slow = path.join(dir, 'h264-slow.json');
      writeFileSync(slow, JSON.stringify(SLOW_PRESET));
      const run = convert([
        clip,
        ...['--preset-file', slow, '--preset', 'h264-slow'],
        ...['--out', out, '--events', 'ndjson'],
      ]);
      const running = (await run.waitForEvent(
        (e) =>
          e.type === 'job' &&
          (e.job as { status?: string }).status === 'running' &&
          typeof (e.job as { worker?: string }).worker === 'string',
      )) as { job: { worker: string } };
      await run.waitForEvent((e) => e.type === 'progress');
      const victim = workers.get(running.job.worker);
      if (victim === undefined) throw new Error(`No worker named ${running.job.worker}.`);
      victim.child.kill('SIGKILL');
      await victim.done;

      const { code, stdout } = await run.done;
      expect(code).toBe(0);
      const last = stdout
        .trim()
        .split('\n')
        .map(
          (line) => JSON.parse(line) as { type: string; job?: { status: string; worker?: string } },
        )
        .filter((e) => e.type === 'job')
        .at(-1);
      expect(last?.job?.status).toBe('done');
      expect(last?.job?.worker).not.toBe(running.job.worker);
      expect(readdirSync(out)).toEqual(['long.mp4']);
      // The killed worker's ffmpeg went with it (the survivor's ended with its job).
      expect(await eventually(() => ffmpegsUnder(dir).length === 0)).toBe(true);
    });
  },
);
