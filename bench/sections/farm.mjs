import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { CLI, ROOT, convert, plannedCommands } from '../lib/framewright.mjs';
import { copies, makeClip } from '../lib/media.mjs';
import { alternate, round, timedShell } from '../lib/measure.mjs';

// Farm throughput: a batch through `convert --farm` with two workers, each pinned to its
// own core (taskset), against one worker pinned to one core. Same Redis, same batch. Then
// one file in two chunks (`--chunks 2`, a BullMQ flow), the same two set-ups.
// Beside them, what the machine itself allows: the batch's own ffmpeg commands (from
// --dry-run) run plainly on one core, then split over two. On a small virtual machine
// even that falls short of 2x, most for short clips (each program's start-up scales worse
// than encoding), so the clips are long enough for the encode to be most of a job, as on
// a farm, and the chunked file is a minute long.

const COUNT = 8;
const CLIP_SEC = 30;
const FILM_SEC = 60;
const REPS = 2;
const PASSWORD = 'bench-farm';

/** One command as a shell line (bench-made paths: quoting guards spaces only). */
function shellLine(argv) {
  return argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `text` shows in the stream; rejects if it ends first. */
function waitFor(stream, text) {
  return new Promise((resolve, reject) => {
    let seen = '';
    stream.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes(text)) resolve();
    });
    stream.on('end', () => reject(new Error(`ended before "${text}":\n${seen}`)));
  });
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export default async function farm({ work, log }) {
  if (spawnSync('redis-server', ['--version']).status !== 0)
    return {
      id: 'farm',
      title: 'Farm',
      goal: '',
      metrics: [],
      skipped: 'redis-server is not installed',
    };
  if (spawnSync('taskset', ['-c', '0', 'true']).status !== 0)
    return {
      id: 'farm',
      title: 'Farm',
      goal: '',
      metrics: [],
      skipped: 'taskset is not available',
    };
  mkdirSync(path.join(work, 'redis'), { recursive: true });
  const port = await freePort();
  const redis = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--requirepass', PASSWORD],
      ...['--appendonly', 'yes', '--dir', path.join(work, 'redis'), '--save', ''],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  redis.stdout.setEncoding('utf8');
  await waitFor(redis.stdout, 'Ready to accept connections');
  const url = `redis://:${PASSWORD}@127.0.0.1:${port}`;
  const source = await makeClip(path.join(work, 'source.mp4'), {
    seconds: CLIP_SEC,
    size: '640x360',
  });
  const folder = path.join(work, 'clips');
  copies(source, folder, COUNT);
  // A keyframe every 2 s: the chunks split near the middle.
  const film = await makeClip(path.join(work, 'film', 'film.mp4'), {
    seconds: FILM_SEC,
    size: '640x360',
    format: ['-g', '50'],
  });
  log(
    `  ${COUNT} clips of ${CLIP_SEC} s 640x360, h264-mp4; ${REPS} repetitions; workers pinned with taskset`,
  );

  let workers = [];
  const startWorkers = async (cores) => {
    await Promise.all(workers.map(stop));
    workers = [];
    for (const core of cores) {
      const child = spawn(
        'taskset',
        [
          ...['-c', String(core), process.execPath, CLI, 'worker', '--farm', url],
          ...['--name', `bench-core-${core}`, '--allow', work],
        ],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      child.stderr.setEncoding('utf8');
      workers.push(child);
      await waitFor(child.stderr, 'joined the farm');
    }
  };
  let run = 0;
  const batch = async (cores) => {
    await startWorkers(cores);
    const out = path.join(work, `out-${run++}`);
    const result = await convert([folder], out, ['--preset', 'h264-mp4', '--farm', url]);
    rmSync(out, { recursive: true, force: true });
    return result;
  };
  const chunked = async (cores) => {
    await startWorkers(cores);
    const out = path.join(work, `out-${run++}`);
    const result = await convert([film], out, [
      '--preset',
      'h264-mp4',
      '--chunks',
      '2',
      '--farm',
      url,
    ]);
    rmSync(out, { recursive: true, force: true });
    return result;
  };
  // The same encodes without Framewright: one core in turn, then two lanes of half each.
  const plainOut = path.join(work, 'plain');
  const commands = await plannedCommands([folder], plainOut, ['--preset', 'h264-mp4']);
  const lane = (core, list) =>
    list.map((steps) => steps.map((c) => `taskset -c ${core} ${shellLine(c)}`).join(' && '));
  const plain = (lanes) => async () => {
    mkdirSync(plainOut, { recursive: true });
    const script = lanes.map((l) => `(${l.join(' && ')})`).join(' & ');
    const result = await timedShell(`${script}; wait`);
    rmSync(plainOut, { recursive: true, force: true });
    return result;
  };
  const half = Math.ceil(commands.length / 2);
  try {
    const runs = await alternate(
      {
        oneWorker: () => batch([0]),
        twoWorkers: () => batch([0, 1]),
        plainOneCore: plain([lane(0, commands)]),
        plainTwoCores: plain([lane(0, commands.slice(0, half)), lane(1, commands.slice(half))]),
      },
      REPS,
    );
    const ratio = round(runs.oneWorker.medianMs / runs.twoWorkers.medianMs, 2);
    const ceiling = round(runs.plainOneCore.medianMs / runs.plainTwoCores.medianMs, 2);
    const chunkRuns = await alternate(
      { oneWorkerChunked: () => chunked([0]), twoWorkersChunked: () => chunked([0, 1]) },
      REPS,
    );
    const chunkRatio = round(
      chunkRuns.oneWorkerChunked.medianMs / chunkRuns.twoWorkersChunked.medianMs,
      2,
    );
    return {
      id: 'farm',
      title: `Farm: a batch of ${COUNT} clips of ${CLIP_SEC} s on two workers pinned to one core each vs one worker on one core`,
      goal: '≥ 1.8× the throughput of one worker on a batch, ≥ 1.6× on one chunked file',
      metrics: [
        {
          name: 'throughput, two workers over one',
          value: ratio,
          unit: '×',
          goal: '≥ 1.8',
          met: ratio >= 1.8,
        },
        {
          name: 'the same ffmpeg commands without Framewright, two cores over one (what this machine allows)',
          value: ceiling,
          unit: '×',
          goal: 'informational',
          met: null,
        },
        {
          name: `one ${FILM_SEC} s 640x360 file in 2 chunks, two workers over one`,
          value: chunkRatio,
          unit: '×',
          goal: '≥ 1.6',
          met: chunkRatio >= 1.6,
        },
      ],
      runs: { ...runs, ...chunkRuns },
    };
  } finally {
    await Promise.all(workers.map(stop));
    await stop(redis);
  }
}
