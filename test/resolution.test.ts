import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { decodeErrors, probeJson, tempDir, tempLeftovers } from './helpers/media';
import {
  frameHashes,
  frameSizes,
  frameTimes,
  makeMultiSizeClip,
  regionLuma,
} from './helpers/resolution';

// Dynamic resolution: three sizes including an odd aspect (8:7), in H.264/MPEG-TS and
// VP8/WebM. Plain ffmpeg stretches them all to 320x240; we must not.

function preset(
  dir: string,
  id: string,
  video: object,
  container = 'matroska',
  extension = '.mkv',
): string {
  const file = path.join(dir, `${id}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      id,
      name: id,
      container,
      extension,
      video,
      audio: { codec: 'aac', bitrateKbps: 96 },
    }),
  );
  return file;
}

type Summary = {
  jobs: { status: string; output: string; warnings: string[]; error: string | null }[];
};

describe('resolution detection', () => {
  it.each(['h264-ts', 'vp8-webm'] as const)(
    'finds the three segments of a %s clip at probe time',
    async (kind) => {
      const dir = tempDir();
      const clip = makeMultiSizeClip(dir, 'multi', kind);
      const result = await runCli(['probe', clip, '--json']);
      const [outcome] = JSON.parse(result.stdout) as [
        {
          info: {
            resolution: {
              method: string;
              segments: { width: number; height: number; startSec: number }[];
            };
          };
        },
      ];
      const scan = outcome.info.resolution;
      expect(scan.method).toBe(kind === 'h264-ts' ? 'keyframes' : 'every-frame');
      expect(scan.segments.map((s) => `${s.width}x${s.height}`)).toEqual([
        '320x240',
        '640x360',
        '256x224',
      ]);
      expect(scan.segments[1]?.startSec).toBeCloseTo(1, 0);
    },
  );
});

describe('reinit', () => {
  it.each(['h264-ts', 'vp8-webm'] as const)(
    '%s: every frame keeps its own size, same frame count, decodes cleanly, temp segments removed',
    async (kind) => {
      const dir = tempDir();
      const clip = makeMultiSizeClip(dir, 'multi', kind);
      const out = path.join(dir, 'out');
      const file = preset(dir, 'fast-mkv', { codec: 'libx264', crf: 28, speed: 'ultrafast' });
      const result = await runCli([
        'convert',
        clip,
        '--preset',
        'fast-mkv',
        '--preset-file',
        file,
        '--out',
        out,
        '--resolution-policy',
        'reinit',
        '--json',
      ]);
      expect(result.code).toBe(0);
      const job = (JSON.parse(result.stdout) as Summary).jobs[0];
      expect(job?.warnings.join(' ')).toMatch(
        /changes 2 time\(s\); each part was encoded at its own size/,
      );
      expect(frameSizes(job?.output ?? '')).toEqual(frameSizes(clip));
      // Timestamps survive, including the uneven gaps where the parts were joined.
      const source = frameTimes(clip);
      const output = frameTimes(job?.output ?? '');
      expect(output).toHaveLength(source.length);
      output.forEach((t, i) => expect(Math.abs(t - (source[i] ?? 0))).toBeLessThan(0.0015));
      expect(decodeErrors(job?.output ?? '')).toBe('');
      expect(probeJson(job?.output ?? '').streams.map((s) => s.codec_type)).toEqual([
        'video',
        'audio',
      ]);
      expect(tempLeftovers(out)).toEqual([]);
    },
  );

  it('a lossless reinit run is frame-for-frame identical to the source (framemd5)', async () => {
    const dir = tempDir();
    const clip = makeMultiSizeClip(dir, 'multi', 'h264-ts');
    const file = preset(dir, 'lossless', {
      codec: 'libx264',
      crf: 0,
      speed: 'ultrafast',
      pixelFormat: 'yuv420p',
    });
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'lossless',
      '--preset-file',
      file,
      '--out',
      path.join(dir, 'out'),
      '--resolution-policy',
      'reinit',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const output = (JSON.parse(result.stdout) as Summary).jobs[0]?.output ?? '';
    const source = frameHashes(clip);
    expect(source).toHaveLength(75);
    expect(frameHashes(output)).toEqual(source);
  });
});

describe('fit', () => {
  it('gives one size everywhere, with the narrow 8:7 section padded, not stretched', async () => {
    const dir = tempDir();
    const clip = makeMultiSizeClip(dir, 'multi', 'h264-ts');
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'h264-mp4',
      '--out',
      path.join(dir, 'out'),
      '--json',
    ]);
    expect(result.code).toBe(0);
    const job = (JSON.parse(result.stdout) as Summary).jobs[0];
    expect(job?.warnings.join(' ')).toMatch(/fitted into 640x360/);
    const sizes = frameSizes(job?.output ?? '');
    expect(sizes).toHaveLength(75);
    expect(new Set(sizes)).toEqual(new Set(['640x360']));
    // 256x224 scaled into 640x360 is 412x360: 114 black columns each side.
    expect(regionLuma(job?.output ?? '', 2.5, '100:360:0:0')).toBeLessThan(20);
    expect(regionLuma(job?.output ?? '', 2.5, '100:360:540:0')).toBeLessThan(20);
    expect(regionLuma(job?.output ?? '', 2.5, '200:200:220:80')).toBeGreaterThan(40);
    // The 4:3 section is pillarboxed too (480x360 inside 640x360).
    expect(regionLuma(job?.output ?? '', 0.5, '60:360:0:0')).toBeLessThan(20);
    expect(decodeErrors(job?.output ?? '')).toBe('');
  });
});

describe('frame statistics', () => {
  it('convert --events ndjson sends batched frame-stats covering every output frame', async () => {
    const dir = tempDir();
    const clip = makeMultiSizeClip(dir, 'multi', 'h264-ts');
    const file = preset(dir, 'fast-mkv', { codec: 'libx264', crf: 28, speed: 'ultrafast' });
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'fast-mkv',
      '--preset-file',
      file,
      '--out',
      path.join(dir, 'out'),
      '--events',
      'ndjson',
    ]);
    expect(result.code).toBe(0);
    type Batch = {
      type: string;
      stepIndex: number;
      frame: number[];
      pictureTypes: string;
      sizeBytes: number[];
      qp: number[];
      width: number[];
    };
    const batches = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Batch)
      .filter((e) => e.type === 'frame-stats');
    const frames = batches.reduce((n, b) => n + b.frame.length, 0);
    expect(frames).toBe(75);
    expect(batches.length).toBeLessThan(frames); // batched, not one message per frame
    for (const b of batches) {
      expect(b.pictureTypes).toMatch(/^[IPB]+$/);
      expect(b.sizeBytes).toHaveLength(b.frame.length);
      expect(b.qp).toHaveLength(b.frame.length);
    }
    // Each reinit segment's frames carry that segment's source size.
    const widthsByStep = new Map(batches.map((b) => [b.stepIndex, new Set(b.width)]));
    expect([...widthsByStep.entries()].sort(([a], [b]) => a - b).map(([, w]) => [...w])).toEqual([
      [320],
      [640],
      [256],
    ]);
  });
});
