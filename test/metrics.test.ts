import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsReader } from '../app/ffmpeg/metrics-parse';
import { planMetrics, type MetricsPlanInput } from '../app/ffmpeg/metrics-plan';
import type { JobSettings } from '../app/jobs/settings';
import type { MediaInfo } from '../app/media/model';
import { loadBuiltInPresets } from './fixtures/fixtures';
import { makeClip, tempDir } from './helpers/media';
import { ffmpegScore } from './helpers/ffmpeg-score';
import { convertWith, probeInfo } from './helpers/plan-run';

// The measuring step's argv run by plain ffmpeg on real encodes: its scores equal what
// ffmpeg's own ssim and psnr filters report for the same pair, and the reference is
// aligned as the plan shaped the source (trim, crop, scale).

const preset = loadBuiltInPresets().find((p) => p.id === 'h264-mp4');
if (preset === undefined) throw new Error('no h264-mp4 preset');
const PLAIN: JobSettings = { crf: 30, speed: 'ultrafast' };
let dir = '';
let source = '';
let sourceInfo: MediaInfo;

beforeAll(() => {
  dir = tempDir('fw-metrics-');
  source = makeClip(path.join(dir, 'source.mp4'), {
    seconds: 2,
    size: '160x120',
    audio: false,
    codec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
  });
  sourceInfo = probeInfo(source);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ffmpeg(args: readonly string[]): string {
  const result = spawnSync('ffmpeg', args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stderr;
}

const encoded = new Map<string, string>();

/** Encodes the source with the job's settings (once per name). */
function encode(name: string, settings: JobSettings): string {
  const output = path.join(dir, `${name}.mp4`);
  if (!encoded.has(name)) convertWith(source, 'h264-mp4', settings, output);
  encoded.set(name, output);
  return output;
}

/** Measures `output` against the source as the engine would. */
function measure(output: string, settings: JobSettings, extra: Partial<MetricsPlanInput> = {}) {
  const statsFile = `${output}.${extra.every ?? 1}.metrics.txt`;
  const plan = planMetrics({
    info: sourceInfo,
    preset: preset!,
    settings,
    distorted: output,
    names: ['ssim', 'psnr'],
    statsFile,
    ...extra,
  });
  if ('unsupported' in plan) throw new Error(plan.unsupported);
  ffmpeg(plan.step.args);
  const text = readFileSync(statsFile, 'utf8');
  const result = new MetricsReader(plan.names, plan.peak).text(text).result();
  if (result === null) throw new Error('nothing measured');
  return result;
}

describe('planMetrics', () => {
  it('scores exactly what ffmpeg’s ssim and psnr filters report for the same pair', () => {
    const output = encode('plain', PLAIN);
    const result = measure(output, PLAIN);
    expect(result.count).toBe(50);
    expect(result.scores.ssim).toBeCloseTo(ffmpegScore(output, source, 'ssim'), 5);
    expect(result.scores.psnr).toBeCloseTo(ffmpegScore(output, source, 'psnr'), 4);
    expect(result.scores.ssim).toBeLessThan(0.99);
  });

  it('aligns the reference as the plan shaped it: trim, crop and scale', () => {
    const settings: JobSettings = {
      ...PLAIN,
      crf: 18,
      trim: { startSec: 0.6, endSec: 1.6 },
      crop: { width: 120, height: 100, x: 20, y: 10 },
      maxHeight: 50,
    };
    const output = encode('shaped', settings);
    const result = measure(output, settings);
    expect(result.count).toBe(25);
    // The same pair compared naively (the source scaled whole onto the output, untrimmed).
    const naive = ffmpeg([
      '-hide_banner',
      '-nostdin',
      '-i',
      output,
      '-i',
      source,
      '-lavfi',
      '[1:v][0:v]scale2ref[r][d];[d][r]ssim',
      '-f',
      'null',
      '-',
    ]);
    const misaligned = Number(/All:([0-9.]+)/.exec(naive)?.[1]);
    expect(result.scores.ssim).toBeGreaterThan(0.97);
    expect(misaligned).toBeLessThan(0.8);
  });

  it('pairs the same frames when the output keeps whole milliseconds (Matroska at 12 fps)', () => {
    const twelve = makeClip(path.join(dir, 'twelve.mp4'), {
      seconds: 2,
      size: '160x120',
      rate: 12,
      audio: false,
      codec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
    });
    // A stream copy is the same pictures: any frame paired with its neighbour scores below 1.
    const copy = path.join(dir, 'twelve.mkv');
    ffmpeg(['-v', 'error', '-i', twelve, '-c', 'copy', copy]);
    const result = measure(copy, {}, { info: probeInfo(twelve) });
    expect(result.count).toBe(24);
    expect(result.scores.ssim).toBe(1);
  });

  it('measures every Nth frame: the same values as every frame at those frames', () => {
    const output = encode('plain', PLAIN);
    const all = measure(output, PLAIN);
    const every = measure(output, PLAIN, { every: 5 });
    expect(every.count).toBe(10);
    expect(every.frames.timeSec).toEqual(all.frames.timeSec.filter((_, i) => i % 5 === 0));
    expect(every.frames.ssim).toEqual(all.frames.ssim?.filter((_, i) => i % 5 === 0));
  });
});
