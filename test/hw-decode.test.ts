import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDecoder, withDecoder, type DecoderQuestion } from '../app/ffmpeg/hw-decode';
import { fileUrl } from '../app/ffmpeg/safety';
import { HardwareReportSchema, type HardwareReport } from '../app/hardware/model';
import type { Job } from '../app/jobs/job';
import { StepSchema, type Step } from '../app/jobs/plan';
import { runCli } from './helpers/cli';
import { settled } from './helpers/engine';
import { decodeErrors, makeClip, tempDir, tempLeftovers } from './helpers/media';
import { engineWithSpawnLog } from './helpers/spawn-log';

// Hardware decoding in jobs: only where the matrix's decode test passed, and a run that
// fails on the hardware decoder finishes in software and says why. No GPU here.

/** A real matrix report from a lent H100 (NVDEC passed H.264, HEVC and VP9; not AV1). */
const h100 = HardwareReportSchema.parse(
  JSON.parse(
    readFileSync(path.join(import.meta.dirname, 'fixtures/hw-tests/h100-report.json'), 'utf8'),
  ),
);

/** `report` with one more decode cell marked as passed. */
function passing(report: HardwareReport, backend: string, codec: string): HardwareReport {
  return {
    ...report,
    cells: report.cells.map((c) =>
      c.backend === backend && c.codec === codec && c.direction === 'decode'
        ? { ...c, status: 'available' }
        : c,
    ),
  };
}

const ask = (q: Partial<DecoderQuestion>) =>
  chooseDecoder({
    report: h100,
    os: 'linux',
    codec: 'h264',
    preset: { hardware: 'auto' },
    encoder: null,
    ...q,
  });

describe('choosing the decoder', () => {
  it('decodes on the hardware only where that codec passed its test', () => {
    expect(ask({})).toEqual({
      codec: 'h264',
      hwaccel: 'cuda',
      reason: null,
      input: ['-hwaccel', 'cuda'],
    });
    expect(ask({ codec: 'hevc' }).hwaccel).toBe('cuda');
    expect(ask({ codec: 'av1' })).toMatchObject({
      hwaccel: null,
      reason: 'No hardware decoder for av1 passed the test here; decoded in software.',
      input: [],
    });
    expect(ask({ codec: 'mpeg2video' }).hwaccel).toBeNull();
    expect(ask({ report: null })).toMatchObject({ hwaccel: null, reason: /not tested yet/ });
    // A preset that names a backend gets that backend or software.
    expect(ask({ preset: { hardware: 'vaapi' } }).hwaccel).toBeNull();
    expect(ask({ preset: { hardware: 'nvidia' } }).hwaccel).toBe('cuda');
  });

  it('software when the job says so; a software-encoding preset still decodes on the hardware', () => {
    expect(ask({ settings: { hwDecode: 'off' } })).toMatchObject({
      hwaccel: null,
      reason: 'Hardware decoding is off for this job.',
    });
    expect(ask({ settings: { hwDecode: 'auto' } }).hwaccel).toBe('cuda');
    expect(ask({ preset: { hardware: 'off' } })).toMatchObject({
      hwaccel: 'cuda',
      input: ['-hwaccel', 'cuda'],
    });
  });

  it("tries the hardware encoder's backend first, and dedicated decoders by name", () => {
    const both = passing(passing(h100, 'vaapi', 'h264'), 'qsv', 'hevc');
    expect(ask({ report: both }).hwaccel).toBe('cuda');
    expect(
      ask({ report: both, encoder: { backend: 'vaapi', encoder: 'h264_vaapi' } }),
    ).toMatchObject({
      hwaccel: 'vaapi',
      input: ['-hwaccel', 'vaapi'],
    });
    expect(ask({ report: both, codec: 'hevc', preset: { hardware: 'qsv' } })).toMatchObject({
      hwaccel: 'qsv',
      input: ['-c:v', 'hevc_qsv'],
    });
  });

  it('puts the options before the source input of steps that encode video, not of stream copies', () => {
    const source = '/media/a.mp4';
    const step = (args: string[]): Step =>
      StepSchema.parse({
        label: 'step',
        program: 'ffmpeg',
        args,
        durationSec: null,
        weight: 1,
        outputs: [],
      });
    const encode = step(['-ss', '2', '-i', fileUrl(source), '-c:v', 'libx264', 'file:/o.mkv']);
    const join = step(['-i', 'file:/l', '-i', fileUrl(source), '-c:v', 'copy', 'file:/o.mp4']);
    const [encoded, joined] = withDecoder([encode, join], source, ask({}));
    expect(encoded?.args).toEqual([
      ...['-ss', '2', '-hwaccel', 'cuda', '-i', fileUrl(source)],
      ...['-c:v', 'libx264', 'file:/o.mkv'],
    ]);
    expect(joined?.args).toEqual(join.args);
    expect(withDecoder([encode], source, ask({ codec: 'av1' }))[0]?.args).toEqual(encode.args);
  });
});

const hwaccelIn = (argvs: string[][]): string[][] => argvs.filter((a) => a.includes('-hwaccel'));
const ffmpegRuns = (argvs: string[][]): string[][] =>
  argvs.filter((argv) => argv.some((a) => a.endsWith('ffmpeg')));

describe('decoding in jobs', () => {
  it('a software job records its software decoder and starts no extra process', async () => {
    const dir = tempDir();
    const log = await engineWithSpawnLog(dir, { cacheDir: path.join(dir, 'cache') });
    const { engine } = log;
    try {
      const clip = makeClip(path.join(dir, 'a.mp4'));
      const { ids } = await engine.jobs.add({
        paths: [clip],
        presetId: 'h264-mp4',
        outDir: path.join(dir, 'out'),
      });
      const before = log.count();
      await engine.jobs.start();
      const [job] = await settled(engine, ids);
      expect(job?.status).toBe('done');
      expect(job?.decoder).toEqual({ codec: 'h264', hwaccel: null });
      const started = log.argvs(before);
      // One encode, no matrix test (it asks ffmpeg for -hwaccels) and no -hwaccel.
      expect(ffmpegRuns(started)).toHaveLength(1);
      expect(started.flat()).not.toContain('-hwaccels');
      expect(hwaccelIn(started)).toEqual([]);
    } finally {
      await engine.dispose();
    }
  });

  it('a decoder that passed its test but fails at run time: the job finishes in software and says why', async () => {
    const dir = tempDir();
    const env = { ...process.env, XDG_CACHE_HOME: dir };
    // This machine's real matrix, then NVDEC marked as passed for H.264 (as before a driver broke).
    expect((await runCli(['hw', '--json'], env)).code).toBe(0);
    const cacheDir = path.join(dir, 'framewright');
    const file = path.join(cacheDir, 'hardware.json');
    const report = HardwareReportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    writeFileSync(file, JSON.stringify(passing(report, 'nvidia', 'h264')));
    const clip = makeClip(path.join(dir, 'a.mp4'));

    const shown = await runCli(['hw'], env);
    expect(shown.stdout).toContain('Video jobs decode h264 on cuda (hardware), hevc (software)');
    const out = path.join(dir, 'out');
    const dry = await runCli(
      ['convert', clip, '--preset', 'h264-mp4-gpu', '--out', out, '--dry-run'],
      env,
    );
    expect(dry.stdout).toContain(`-hwaccel cuda -i ${fileUrl(clip)}`);
    // A software-encoding preset decodes there too, from the saved matrix.
    const soft = await runCli(
      ['convert', clip, '--preset', 'h264-mp4', '--out', out, '--dry-run'],
      env,
    );
    expect(soft.stdout).toContain(`-hwaccel cuda -i ${fileUrl(clip)}`);
    expect(soft.stdout).toContain('-c:v libx264');

    // The run, with --json, and the worker logging every program it starts.
    const spawned = path.join(dir, 'spawned.jsonl');
    const run = await runCli(
      ['convert', clip, '--preset', 'h264-mp4-gpu', '--out', out, '--json'],
      { ...env, FRAMEWRIGHT_SPAWN_LOG: spawned },
    );
    const [job] = (JSON.parse(run.stdout) as { jobs: Partial<Job>[] }).jobs;
    expect(job?.status).toBe('done');
    const runs = ffmpegRuns(
      readFileSync(spawned, 'utf8')
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as string[]),
    ).filter((argv) => argv.includes(fileUrl(clip)));
    expect(runs).toHaveLength(2);
    expect(hwaccelIn(runs)).toEqual([runs[0]]);
    expect(runs[0]?.join(' ')).toContain(`-hwaccel cuda -i ${fileUrl(clip)}`);
    expect(job?.warnings?.join('\n')).toMatch(/Decoded in software: cuda decoding failed \(.+\)/);
    expect(job?.decoder).toEqual({ codec: 'h264', hwaccel: null });
    expect(readdirSync(out)).toEqual([path.basename(job?.output ?? '')]);
    expect(tempLeftovers(out)).toEqual([]);
    expect(decodeErrors(job?.output ?? '')).toBe('');
  });
});
