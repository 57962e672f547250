import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FFMPEG_PREFIX } from '../app/ffmpeg/safety';
import type { JobSettings } from '../app/jobs/settings';
import { planDryRun } from '../main/cli/commands/convert';
import type { Engine } from '../main/engine/engine';
import { root, runCli } from './helpers/cli';
import { settled, testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';
import { makeMultiSizeClip } from './helpers/resolution';

// What `--dry-run` prints is what the worker spawns: the same argv for every built-in
// preset and resolution policy, on a plain clip and one whose picture size changes.
// The worker records each argv at spawn time (FRAMEWRIGHT_SPAWN_LOG); the sandbox wrapper
// in front of ffmpeg is stripped, and so is the random part of the temporary output name.

const PRESETS = readdirSync(path.join(root, 'resources/presets'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => path.basename(name, '.json'))
  .sort();
const POLICIES = ['auto', 'reinit', 'fit', 'stretch'] as const;
type Policy = (typeof POLICIES)[number];

/** Audio-only presets plan the same under every policy. */
const audioOnly = (presetId: string): boolean =>
  (
    JSON.parse(readFileSync(path.join(root, 'resources/presets', `${presetId}.json`), 'utf8')) as {
      video?: unknown;
    }
  ).video === 'none';

const anonymous = (args: readonly string[]): string =>
  JSON.stringify(args).replace(/\.framewright-[0-9a-f]{8}\.part/g, '.framewright-RANDOM.part');

/** The ffmpeg argv inside each spawned command line (after bwrap's options, if any). */
function spawnedFfmpeg(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as string[])
    .flatMap((argv) => {
      const at = argv.findIndex((_, i) => FFMPEG_PREFIX.every((p, j) => argv[i + j] === p));
      return at < 0 ? [] : [anonymous(argv.slice(at))];
    })
    .sort();
}

/** Every command a dry-run prints, without the program name. */
function printedFfmpeg(plans: readonly ({ commands: string[][] } | { error: string })[]): string[] {
  return plans
    .flatMap((plan) => ('commands' in plan ? plan.commands : []))
    .map((command) => {
      expect(command[0]).toBe('ffmpeg');
      return anonymous(command.slice(1));
    })
    .sort();
}

let dir = '';
let clips: string[] = [];
beforeAll(() => {
  dir = tempDir();
  clips = [
    makeClip(path.join(dir, 'plain.mp4')),
    makeMultiSizeClip(dir, 'sizes', 'h264-ts', ['160x120', '128x96']),
  ];
});

describe('the dry-run plan is the argv the worker spawns', () => {
  let engine: Engine;
  let log = '';
  beforeAll(async () => {
    log = path.join(dir, 'spawned.jsonl');
    // The worker is forked with this variable: it records each argv at spawn time.
    process.env.FRAMEWRIGHT_SPAWN_LOG = log;
    engine = await testEngine({ cacheDir: path.join(dir, 'cache') });
    delete process.env.FRAMEWRIGHT_SPAWN_LOG;
  });
  afterAll(() => engine.dispose());

  // A policy decides only what happens to a picture whose size changes: the plain clip is
  // planned once, the size-changing clip under every policy (audio presets: once each).
  const cases = (presetId: string): [Policy, string[]][] =>
    audioOnly(presetId)
      ? [['auto', clips]]
      : POLICIES.map((policy) => [policy, policy === 'auto' ? clips : clips.slice(1)]);

  it.each(PRESETS)('%s, every resolution policy', { timeout: 180_000 }, async (presetId) => {
    const printed: string[] = [];
    for (const [policy, paths] of cases(presetId)) {
      await engine.settings.set({ resolutionPolicy: policy });
      const outDir = path.join(dir, `${presetId}-${policy}`);
      const { plans } = await planDryRun(engine, { paths, presetId, outDir });
      expect(plans).toHaveLength(paths.length);
      printed.push(...printedFfmpeg(plans));
    }
    // Then the same jobs for real, every policy's at once (each has its own output folder).
    writeFileSync(log, '');
    const ids: string[] = [];
    for (const [resolutionPolicy, paths] of cases(presetId)) {
      const outDir = path.join(dir, `${presetId}-${resolutionPolicy}`);
      const added = await engine.jobs.add({ paths, presetId, outDir, resolutionPolicy });
      ids.push(...added.ids);
    }
    await engine.jobs.start();
    const jobs = await settled(engine, ids);
    expect(jobs.map((j) => j.error)).toEqual(ids.map(() => null));
    expect(spawnedFfmpeg(readFileSync(log, 'utf8'))).toEqual(printed.sort());
  });

  // A job's settings change the plan the same way for the dry run and the run: filters,
  // quality, audio and chapters; with a trim the size-changing clip is fitted, without
  // one (hevc-mkv) it is encoded part by part, each part with the job's filters.
  const SHAPED: [string, JobSettings][] = [
    [
      'h264-mp4',
      {
        ...{ trim: { startSec: 0.2, endSec: 0.8 }, denoise: 'light', rotate: 90 },
        ...{ maxWidth: 64, chapters: false, crf: 30, speed: 'ultrafast' },
        audio: { tracks: 'all', kbpsPerChannel: 48 },
      },
    ],
    ['hevc-mkv', { denoise: 'strong', flip: 'horizontal', maxHeight: 64, speed: 'ultrafast' }],
  ];
  it.each(SHAPED)('%s with job settings', { timeout: 180_000 }, async (presetId, settings) => {
    await engine.settings.set({ resolutionPolicy: 'auto' });
    const outDir = path.join(dir, `settings-${presetId}`);
    const { plans } = await planDryRun(engine, { paths: clips, presetId, outDir, settings });
    const printed = printedFfmpeg(plans);
    expect(printed.join('\n')).toContain('hqdn3d');
    writeFileSync(log, '');
    const added = await engine.jobs.add({ paths: clips, presetId, outDir, settings });
    await engine.jobs.start();
    const jobs = await settled(engine, added.ids);
    expect(jobs.map((j) => j.error)).toEqual(added.ids.map(() => null));
    expect(spawnedFfmpeg(readFileSync(log, 'utf8'))).toEqual(printed);
  });
});

it('the CLI prints the same argv it then runs', async () => {
  const env = { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cli-cache') };
  const args = ['convert', ...clips, '--preset', 'h264-mp4', '--out', path.join(dir, 'cli')];
  const dry = await runCli([...args, '--resolution-policy', 'reinit', '--dry-run', '--json'], env);
  expect(dry.code, dry.stderr).toBe(0);
  const printed = printedFfmpeg(
    (JSON.parse(dry.stdout) as { plans: { commands: string[][] }[] }).plans,
  );
  expect(printed.join('\n')).toContain('-vstats_file');

  const log = path.join(dir, 'cli-spawned.jsonl');
  const run = await runCli([...args, '--resolution-policy', 'reinit'], {
    ...env,
    FRAMEWRIGHT_SPAWN_LOG: log,
  });
  expect(run.code, run.stderr).toBe(0);
  expect(spawnedFfmpeg(readFileSync(log, 'utf8'))).toEqual(printed);
});
