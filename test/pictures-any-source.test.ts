import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { StreamSchema } from '../app/media/model';
import { decodeErrors, probeJson, tempDir } from './helpers/media';

// Pictures every encoder accepts: odd sizes and unusual pixel formats (4:4:4, 10-bit,
// RGBA, bitmap) through the CLI into H.264 MP4, checked with ffprobe.

type Summary = { jobs: { status: string; output: string; error: string | null }[] };

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A 0.4 s test picture of this size in this pixel format and codec. */
function source(file: string, size: string, pixFmt: string, codec: string[]): string {
  const lavfi = `testsrc=size=${size}:rate=10:duration=0.4,format=${pixFmt}`;
  ffmpeg(['-f', 'lavfi', '-i', lavfi, ...codec, file]);
  return file;
}

function picture(file: string): { width: number; height: number; sar: string; pixFmt: string } {
  const s = StreamSchema.parse(probeJson(file).streams.find((x) => x.codec_type === 'video'));
  return {
    width: s.width ?? 0,
    height: s.height ?? 0,
    sar: s.sample_aspect_ratio ?? '1:1',
    pixFmt: s.pix_fmt ?? '',
  };
}

async function convert(dir: string, inputs: string[], presetId: string, extra: string[] = []) {
  const result = await runCli([
    'convert',
    ...inputs,
    '--preset',
    presetId,
    ...extra,
    '--out',
    path.join(dir, `out-${presetId}`),
    '--json',
  ]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as Summary).jobs;
}

let dir = '';
const odd: string[] = [];
const even: string[] = [];

beforeAll(() => {
  dir = tempDir('fw-pictures-');
  const ffv1 = ['-c:v', 'ffv1'];
  odd.push(
    source(path.join(dir, 'odd-420.mkv'), '333x277', 'yuv420p', ffv1),
    source(path.join(dir, 'odd-444.mkv'), '333x277', 'yuv444p', ffv1),
    source(path.join(dir, 'odd-10bit.mkv'), '333x277', 'yuv420p10le', ffv1),
    source(path.join(dir, 'odd-alpha.mov'), '333x277', 'rgba', ['-c:v', 'png']),
    source(path.join(dir, 'odd-bitmap.gif'), '333x277', 'pal8', []),
  );
  even.push(
    source(path.join(dir, 'even-444.mkv'), '320x240', 'yuv444p', ffv1),
    source(path.join(dir, 'even-10bit.mkv'), '320x240', 'yuv420p10le', ffv1),
    source(path.join(dir, 'even-alpha.mov'), '320x240', 'rgba', ['-c:v', 'png']),
  );
});

describe('pictures every encoder accepts', () => {
  it('h264-mp4 converts 333x277 sources in 4:2:0, 4:4:4, 10-bit, RGBA and GIF: even, yuv420p, same shape', async () => {
    const jobs = await convert(dir, odd, 'h264-mp4');
    expect(jobs.map((j) => [j.status, j.error])).toEqual(odd.map(() => ['done', null]));
    for (const job of jobs) {
      const out = picture(job.output);
      expect(out.pixFmt).toBe('yuv420p');
      expect([out.width % 2, out.height % 2]).toEqual([0, 0]);
      // Cropped, not stretched: at most one pixel each way.
      expect([333 - out.width, 277 - out.height]).toEqual([1, 1]);
      const [num, den] = out.sar.split(':').map(Number);
      const dar = (out.width * (num ?? 1)) / (out.height * (den ?? 1));
      expect(Math.abs(dar / (333 / 277) - 1)).toBeLessThan(0.01);
      expect(decodeErrors(job.output)).toBe('');
    }
  });

  it('an H.264 preset without a pixel format still gives yuv420p, not 4:4:4 or High 10', async () => {
    const file = path.join(dir, 'x264-any.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'x264-any',
        name: 'x264 any',
        container: 'mp4',
        extension: '.mp4',
        video: { codec: 'libx264', crf: 30, speed: 'ultrafast' },
        audio: { codec: 'aac', bitrateKbps: 64 },
      }),
    );
    const jobs = await convert(dir, even, 'x264-any', ['--preset-file', file]);
    expect(jobs.map((j) => j.status)).toEqual(even.map(() => 'done'));
    expect(jobs.map((j) => picture(j.output))).toEqual(
      even.map(() => ({ width: 320, height: 240, sar: '1:1', pixFmt: 'yuv420p' })),
    );
  });
});
