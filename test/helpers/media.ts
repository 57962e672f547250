import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Test media made with ffmpeg's lavfi sources at test time: short and small.

export function tempDir(prefix = 'fw-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ClipOptions {
  seconds?: number;
  size?: string;
  rate?: number;
  audio?: boolean;
  /** Extra output options, e.g. ['-c:v', 'mpeg4']. */
  codec?: string[];
}

/** Writes a test clip (testsrc2 + sine) and returns its path. */
export function makeClip(file: string, options: ClipOptions = {}): string {
  const {
    seconds = 1,
    size = '160x120',
    rate = 25,
    audio = true,
    codec = ['-c:v', 'libx264', '-preset', 'ultrafast'],
  } = options;
  const args = [
    '-hide_banner',
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
  ];
  if (audio)
    args.push(
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${seconds}`,
      '-c:a',
      'aac',
      '-shortest',
    );
  args.push(...codec, '-pix_fmt', 'yuv420p', `file:${file}`);
  execFileSync('ffmpeg', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return file;
}

/** Random bytes with a media extension: ffprobe cannot read it. */
export function makeCorrupt(file: string): string {
  const bytes = Buffer.alloc(32 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251;
  writeFileSync(file, bytes);
  return file;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Decodes every stream fully; returns ffmpeg's error output ('' means clean). */
export function decodeErrors(file: string): string {
  try {
    return execFileSync(
      'ffmpeg',
      ['-hide_banner', '-v', 'error', '-nostdin', '-i', `file:${file}`, '-f', 'null', '-'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
}

export function probeJson(file: string): {
  streams: { codec_type: string; codec_name: string }[];
  format: { duration?: string };
} {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', `file:${file}`],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as ReturnType<typeof probeJson>;
}

/** The first video stream's codec and size (a PNG's too). */
export function pictureSize(file: string): { codec: string; width: number; height: number } {
  const [codec = '', width = '0', height = '0'] = execFileSync(
    'ffprobe',
    [
      ...['-v', 'error', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', `file:${file}`],
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split(',');
  return { codec, width: Number(width), height: Number(height) };
}

/** Files whose names mark them as Framewright temporaries. */
export function tempLeftovers(dir: string): string[] {
  return readdirSync(dir).filter(
    (name) => name.includes('.framewright-') || name.endsWith('.part'),
  );
}
