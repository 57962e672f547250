// `npm run bench`: every comparison in one run, contenders alternated, medians and
// ratios, a JSON and a Markdown report (and a chart) in bench/reports/. Never part of
// `npm test`. `node bench/run.mjs --only batch,probe` runs a subset (development).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPerCore, round } from './lib/measure.mjs';
import { writeReports } from './lib/report.mjs';

// Each section module's default export takes { work, log } and returns its result.
const SECTIONS = [
  'overhead',
  'handbrake',
  'batch',
  'probe-hw',
  'ui',
  'reinit',
  'soak',
  'damaged',
  'batch-realistic',
  'batch-audio',
  'farm',
  'chunks',
  'quality',
];

const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag > 0 ? process.argv[onlyFlag + 1].split(',') : SECTIONS;
const log = (line) => process.stdout.write(`${line}\n`);
const work = mkdtempSync(path.join(os.tmpdir(), 'framewright-bench-'));
const started = performance.now();
const results = [];

try {
  for (const name of only) {
    if (!SECTIONS.includes(name)) throw new Error(`No bench section named ${name}.`);
    const { default: section } = await import(`./sections/${name}.mjs`);
    const t0 = performance.now();
    const load = await loadPerCore();
    log(`\n▶ ${name} (load per core ${load})`);
    let result;
    try {
      result = await section({ work: path.join(work, name), log });
    } catch (error) {
      result = {
        id: name,
        title: name,
        goal: '',
        metrics: [],
        error: String(error.stack ?? error),
      };
    }
    result.seconds = round((performance.now() - t0) / 1000);
    result.loadPerCore = load;
    results.push(result);
    if (result.error) log(`  ERROR: ${result.error}`);
    if (result.skipped) log(`  skipped: ${result.skipped}`);
    log(`  goal: ${result.goal}`);
    for (const m of result.metrics)
      log(
        `  ${m.met === true ? 'MET ' : m.met === false ? 'MISS' : '    '} ${m.name}: ${m.value} ${m.unit} (goal ${m.goal})`,
      );
    log(`  (${result.seconds} s)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const totalSeconds = round((performance.now() - started) / 1000);
const files = await writeReports({
  when: new Date().toISOString(),
  machine: {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3),
    node: process.version,
  },
  totalSeconds,
  sections: results,
});
log(`\nBench finished in ${totalSeconds} s. Reports: ${files.join(', ')}`);
process.exitCode = results.some((r) => r.error) ? 1 : 0;
