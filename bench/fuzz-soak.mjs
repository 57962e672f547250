// Fuzz soak (issue 6): 1,000 zzuf-mutated variants of generated clips through probe
// and convert, in batches of 100. Reports outcomes, hangs (a batch past its watchdog
// bound), worker crashes, processes and temp files left. `npm run fuzz-soak`; not part
// of `npm test` (a fixed-seed set of 16 runs there, test/fuzz.test.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from './lib/framewright.mjs';
import { makeClip } from './lib/media.mjs';

const TOTAL = Number(process.env.FUZZ_TOTAL ?? 1000);
const BATCH = 100;
const STALL_SECONDS = 20;
const BATCH_DEADLINE_MS = 10 * 60_000;
const work = mkdtempSync(path.join(os.tmpdir(), 'framewright-fuzz-'));
const log = (line) => process.stdout.write(`${line}\n`);

const bases = [
  await makeClip(path.join(work, 'bases/a.mp4'), { seconds: 1, size: '160x120' }),
  await makeClip(path.join(work, 'bases/b.mkv'), {
    seconds: 1,
    size: '160x120',
    format: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus'],
  }),
  await makeClip(path.join(work, 'bases/c.ts'), {
    seconds: 1,
    size: '160x120',
    format: ['-f', 'mpegts'],
  }),
  await makeClip(path.join(work, 'bases/d.webm'), {
    seconds: 1,
    size: '160x120',
    format: ['-c:v', 'libvpx', '-c:a', 'libopus'],
  }),
];

/** Processes whose command line mentions the soak's folder (ffmpeg, ffprobe, bwrap). */
function lingering() {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(work);
      } catch {
        return false;
      }
    }).length;
}

const totals = {
  files: 0,
  done: 0,
  failed: 0,
  withoutSentence: 0,
  crashes: 0,
  hungBatches: 0,
  lingering: 0,
  tempLeft: 0,
};
const slowest = [];
const started = performance.now();
for (let b = 0; b * BATCH < TOTAL; b++) {
  const dir = path.join(work, `batch-${b}`);
  const out = path.join(work, `out-${b}`);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < BATCH && b * BATCH + i < TOTAL; i++) {
    const seed = b * BATCH + i + 1;
    const base = bases[seed % bases.length];
    const ratio = [0.0005, 0.002, 0.006, 0.02][seed % 4];
    const mutated = execFileSync('zzuf', ['-s', String(seed), '-r', String(ratio)], {
      input: readFileSync(base),
      maxBuffer: 64 << 20,
    });
    writeFileSync(path.join(dir, `f${seed}${path.extname(base)}`), mutated);
  }
  const t0 = performance.now();
  spawnSync(process.execPath, [CLI, 'probe', dir, '--json'], {
    timeout: BATCH_DEADLINE_MS,
    stdio: 'ignore',
  });
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      'convert',
      dir,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--stall-timeout',
      String(STALL_SECONDS),
      '--json',
    ],
    {
      timeout: BATCH_DEADLINE_MS,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (run.error) totals.hungBatches++;
  const jobs = run.stdout ? JSON.parse(run.stdout).jobs : [];
  totals.files += jobs.length;
  for (const job of jobs) {
    if (job.status === 'done') totals.done++;
    else totals.failed++;
    if (job.status !== 'done' && !/\w.*\./.test(job.error ?? '')) totals.withoutSentence++;
    if (
      /worker stopped unexpectedly/.test(job.error ?? '') ||
      job.warnings.some((w) => /worker stopped/.test(w))
    )
      totals.crashes++;
  }
  totals.lingering += lingering();
  totals.tempLeft += readdirSync(out, { withFileTypes: true }).filter((e) =>
    e.name.includes('.framewright-'),
  ).length;
  slowest.push(seconds);
  log(`batch ${b + 1}: ${jobs.length} files in ${seconds.toFixed(1)} s (exit ${run.status})`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });

const report = {
  when: new Date().toISOString(),
  seconds: Math.round((performance.now() - started) / 1000),
  stallSeconds: STALL_SECONDS,
  ...totals,
  slowestBatchSeconds: Math.max(...slowest),
};
const ok =
  totals.files === TOTAL &&
  totals.hungBatches === 0 &&
  totals.crashes === 0 &&
  totals.lingering === 0 &&
  totals.tempLeft === 0 &&
  totals.withoutSentence === 0;
const reports = path.join(import.meta.dirname, 'reports');
mkdirSync(reports, { recursive: true });
writeFileSync(path.join(reports, 'fuzz-soak.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(
  path.join(reports, 'fuzz-soak.md'),
  [
    '# Fuzz soak',
    '',
    `${report.when} · ${TOTAL} zzuf-mutated clips (4 containers, 4 mutation ratios) · ${report.seconds} s`,
    '',
    '| measure | value | target |',
    '|---|---:|---|',
    `| files converted or failed | ${totals.files} | ${TOTAL} |`,
    `| done / failed | ${totals.done} / ${totals.failed} | — |`,
    `| failures without a sentence | ${totals.withoutSentence} | 0 |`,
    `| batches past the watchdog bound | ${totals.hungBatches} | 0 |`,
    `| worker crashes | ${totals.crashes} | 0 |`,
    `| processes left | ${totals.lingering} | 0 |`,
    `| temp files left | ${totals.tempLeft} | 0 |`,
    `| slowest batch of ${BATCH} | ${report.slowestBatchSeconds.toFixed(1)} s | < ${BATCH_DEADLINE_MS / 1000} s |`,
    '',
    ok ? 'Verdict: every target met.' : 'Verdict: a target was missed (see above).',
    '',
  ].join('\n'),
);
log(readFileSync(path.join(reports, 'fuzz-soak.md'), 'utf8'));
process.exit(ok ? 0 : 1);
