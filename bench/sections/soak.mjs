import path from 'node:path';
import { connect, startHost } from '../lib/host.mjs';
import { copies, makeClip, makeCorrupt } from '../lib/media.mjs';
import { round } from '../lib/measure.mjs';
import { descendants, fdCount, rssMb, tempFiles } from '../lib/proc.mjs';

// 7. Leak soak: 500 short jobs (success, corrupt input, cancel) through one web host
// over its WebSocket api; what the host and its worker hold before and after.

const WAVES = 10;
// Waves run before the baseline: V8 compiles hot code and sizes its heap over the first
// ~100 jobs (+5 MB per process, heap snapshots flat), which is warm-up, not a leak.
const WARM_UP_WAVES = 2;
const PER_WAVE = { good: 30, corrupt: 10, cancel: 10 };
const DEADLINE_MS = 240_000;
const TERMINAL = new Set(['done', 'failed', 'cancelled']);

export default async function soak({ work, log }) {
  const host = await startHost(work);
  const clip = await makeClip(path.join(work, 'tiny.mp4'), { seconds: 0.2, size: '160x120' });
  const statuses = {};
  const pending = new Map(); // id → resolve
  const toCancel = new Set();
  let api;
  api = await connect(host.url, (event) => {
    if (event.event !== 'update') return;
    const job = event.payload;
    if (toCancel.has(job.id) && (job.status === 'running' || job.status === 'probing')) {
      toCancel.delete(job.id);
      void api.call('jobs', 'cancel', { ids: [job.id] }).catch(() => undefined);
    }
    if (TERMINAL.has(job.status) && pending.has(job.id)) {
      statuses[job.status] = (statuses[job.status] ?? 0) + 1;
      pending.get(job.id)();
      pending.delete(job.id);
    }
  });

  const wave = async (n) => {
    const dir = path.join(host.spoolDir, `wave-${n}`);
    const good = copies(clip, dir, PER_WAVE.good, 'good');
    const cancel = copies(clip, dir, PER_WAVE.cancel, 'cancel');
    const corrupt = [];
    for (let i = 0; i < PER_WAVE.corrupt; i++)
      corrupt.push(makeCorrupt(path.join(dir, `corrupt-${i}.mp4`)));
    // Interleaved, so cancels and failures happen while other jobs run.
    const paths = good.flatMap((g, i) => [g, ...(i < 10 ? [corrupt[i], cancel[i]] : [])]);
    // The reply is the new jobs' ids, in the order of the (expanded) paths: each path
    // here is a distinct existing file, so ids[i] is the job for paths[i].
    const { ids } = await api.call('jobs', 'add', { paths });
    if (ids.length !== paths.length)
      throw new Error(`jobs.add queued ${ids.length} of ${paths.length} files`);
    const settled = ids.map((id) => new Promise((resolve) => pending.set(id, resolve)));
    ids.forEach((id, i) => {
      if (path.basename(paths[i]).startsWith('cancel')) toCancel.add(id);
    });
    // Half the cancels land while queued, half when the job starts.
    const early = ids.filter((id) => toCancel.has(id)).slice(0, PER_WAVE.cancel / 2);
    await api.call('jobs', 'start');
    await api.call('jobs', 'cancel', { ids: early });
    early.forEach((id) => toCancel.delete(id));
    await Promise.all(settled);
    // As a person tidies the list: clear the finished jobs, remove the failed and cancelled.
    await api.call('jobs', 'clearFinished');
    await api.call('jobs', 'remove', { ids });
  };

  const snapshot = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let exits settle
    const children = descendants(host.pid);
    const worker = children.find((c) => c.command.includes('worker.js'));
    const pids = [host.pid, worker?.pid].filter(Boolean);
    return {
      workerPid: worker?.pid ?? null,
      otherChildren: children.filter((c) => c !== worker).map((c) => c.command),
      fds: pids.map(fdCount).reduce((a, b) => a + b, 0),
      temps: tempFiles(host.outDir, worker?.pid),
      rssMb: round(pids.map(rssMb).reduce((a, b) => a + b, 0)),
      rssEachMb: pids.map((pid) => round(rssMb(pid))),
    };
  };

  const started = performance.now();
  let waves = 0;
  try {
    for (let i = 0; i < WARM_UP_WAVES; i++) await wave(`warm-up-${i}`);
    const before = await snapshot();
    const series = [];
    for (; waves < WAVES && performance.now() - started < DEADLINE_MS; waves++) {
      await wave(waves);
      series.push([host.pid, before.workerPid].map((pid) => round(rssMb(pid) ?? 0)));
    }
    const after = await snapshot();
    const jobs = waves * (PER_WAVE.good + PER_WAVE.corrupt + PER_WAVE.cancel);
    log(
      `  ${jobs} jobs in ${round((performance.now() - started) / 1000)} s: ${JSON.stringify(statuses)}`,
    );
    const growth = round(after.rssMb - before.rssMb);
    api.close();
    return {
      id: 'soak',
      title: `7. Leak soak: ${jobs} short jobs (success, corrupt input, cancel) through one web host`,
      goal: 'after the soak: no child process, fd, or temp file left over; RSS growth < 10 MB',
      metrics: [
        {
          name: 'child processes left (besides the worker)',
          value: after.otherChildren.length,
          unit: '',
          goal: '0',
          met: after.otherChildren.length === 0,
        },
        {
          name: `open fds, host + worker (before ${before.fds})`,
          value: after.fds - before.fds,
          unit: 'more',
          goal: '≤ 0',
          met: after.fds <= before.fds,
        },
        {
          name: 'temp files left',
          value: after.temps.length,
          unit: '',
          goal: '0',
          met: after.temps.length === 0,
        },
        {
          name: `RSS growth, host + worker (${before.rssMb} → ${after.rssMb} MB)`,
          value: growth,
          unit: 'MB',
          goal: '< 10',
          met: growth < 10,
        },
        {
          name: 'worker restarted during the soak',
          value: before.workerPid !== after.workerPid ? 'yes' : 'no',
          unit: '',
          goal: 'no',
          met: before.workerPid === after.workerPid,
        },
      ],
      runs: {
        jobs,
        statuses,
        before,
        after,
        rssAfterEachWave: { order: ['host', 'worker'], series },
      },
    };
  } finally {
    await host.stop();
  }
}
