import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/media';
import { convertWith, probeInfo } from './helpers/plan-run';
import { regionLuma } from './helpers/resolution';

// Job settings for the picture (crop, trim, deinterlace, size), run with real ffmpeg on
// media made here: the planned argv is spawned as is and the output measured.

const ffmpeg = (args: string[]): void => {
  execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-nostdin', '-y', ...args]);
};

/** A lavfi source encoded quickly to `file`. */
function make(file: string, source: string, extra: string[] = []): string {
  ffmpeg([
    ...['-f', 'lavfi', '-i', source],
    ...extra,
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file],
  ]);
  return file;
}

function videoOf(file: string): { width?: number | undefined; height?: number | undefined } {
  const stream = probeInfo(file).streams.find((s) => s.codec_type === 'video');
  return { width: stream?.width, height: stream?.height };
}

function countFrames(file: string): number {
  const out = execFileSync(
    'ffprobe',
    [
      ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file],
    ],
    { encoding: 'utf8' },
  );
  return Number(out.trim());
}

/** idet's multi-frame verdict over the whole file: frames counted interlaced and progressive. */
function idet(file: string): { interlaced: number; progressive: number } {
  const { stderr } = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostdin', '-i', file, '-vf', 'idet', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const found = /Multi frame detection: TFF:\s*(\d+) BFF:\s*(\d+) Progressive:\s*(\d+)/.exec(
    stderr,
  );
  if (found === null) throw new Error(`no idet verdict for ${file}\n${stderr}`);
  const [, tff, bff, progressive] = found.map(Number);
  return { interlaced: (tff ?? 0) + (bff ?? 0), progressive: progressive ?? 0 };
}

const speed = 'ultrafast';
let dir = '';
beforeAll(() => {
  dir = tempDir('fw-settings-picture-');
});

describe('crop', () => {
  const rect = { width: 160, height: 90, x: 0, y: 15 };
  let source = '';
  beforeAll(() => {
    // A 16:9 picture with black bars above and below, in a 4:3 frame.
    source = make(
      path.join(dir, 'bars.mp4'),
      'testsrc2=size=160x90:rate=25:duration=1,pad=160:120:0:15',
    );
  });

  it.each([
    ['a rectangle', rect, null],
    ['auto, from the analysis', 'auto' as const, { crop: rect, interlaced: null }],
  ])('crops %s to its size, bars gone', (_, crop, analysis) => {
    const out = path.join(dir, `crop-${String(analysis !== null)}.mp4`);
    convertWith(source, 'h264-mp4', { speed, crop }, out, analysis);
    expect(videoOf(out)).toMatchObject({ width: 160, height: 90 });
    // The first rows are picture, not the black bar (16).
    expect(regionLuma(out, 0.5, '160:4:0:0')).toBeGreaterThan(30);
  });
});

describe('trim', () => {
  it('keeps exactly the frames between start and end when encoding', () => {
    const source = make(path.join(dir, 'four.mp4'), 'testsrc2=size=160x120:rate=25:duration=4');
    const out = path.join(dir, 'trimmed.mp4');
    const plan = convertWith(source, 'h264-mp4', { speed, trim: { startSec: 1, endSec: 3 } }, out);
    expect(plan.steps[0]?.durationSec).toBe(2);
    expect(countFrames(out)).toBe(50);
  });
});

describe('deinterlace and size', () => {
  it('deinterlaces an interlaced source when auto', () => {
    // Two fields per frame, flagged as interlaced (field order tb).
    const source = make(path.join(dir, 'fields.mkv'), 'testsrc2=size=320x240:rate=50:duration=1', [
      ...['-vf', 'interlace=scan=tff', '-flags', '+ilme+ildct'],
    ]);
    expect(idet(source).interlaced).toBeGreaterThan(idet(source).progressive);
    const out = path.join(dir, 'progressive.mkv');
    convertWith(source, 'h264-mp4', { speed, deinterlace: 'auto' }, out);
    const after = idet(out);
    expect(after.progressive).toBeGreaterThan(after.interlaced * 4);
  });

  it('scales down to the width limit keeping the display aspect', () => {
    const source = make(path.join(dir, 'wide.mp4'), 'testsrc2=size=320x180:rate=25:duration=1');
    const out = path.join(dir, 'narrow.mp4');
    convertWith(source, 'h264-mp4', { speed, maxWidth: 100 }, out);
    const video = probeInfo(out).streams[0];
    expect([video?.width, video?.height]).toEqual([100, 56]);
    expect(video?.display_aspect_ratio).toBe('16:9');
  });
});
