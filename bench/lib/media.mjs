import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { timed } from './measure.mjs';

// Bench media, made with ffmpeg's lavfi sources (testsrc2 picture, sine tone).

/** Writes a clip and returns its path. Sources are encoded fast: they are inputs, not contenders. */
export async function makeClip(file, { seconds, size, rate = 25, filter, format = [] }) {
  mkdirSync(path.dirname(file), { recursive: true });
  await timed('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
    ...['-ac', '2', '-c:a', 'aac', '-b:a', '192k', '-shortest'],
    ...(filter ? ['-vf', filter] : []),
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '16', '-pix_fmt', 'yuv420p'],
    ...format,
    file,
  ]);
  return file;
}

/** A tone as 16-bit stereo 48 kHz WAV; returns its path. */
export async function makeWav(file, seconds) {
  mkdirSync(path.dirname(file), { recursive: true });
  await timed('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y'],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
    ...['-ac', '2', '-c:a', 'pcm_s16le', file],
  ]);
  return file;
}

/** `count` copies of one clip in `dir` (identical content, distinct names). */
export function copies(source, dir, count, prefix = 'clip') {
  mkdirSync(dir, { recursive: true });
  const ext = path.extname(source);
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `${prefix}-${String(i).padStart(5, '0')}${ext}`);
    copyFileSync(source, file);
    files.push(file);
  }
  return files;
}

/** Random-looking bytes with a media extension: ffprobe cannot read it. */
export function makeCorrupt(file) {
  const bytes = Buffer.alloc(16 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251;
  writeFileSync(file, bytes);
  return file;
}

/**
 * A stream whose picture size changes twice: three parts of different sizes (and
 * shapes) joined into MPEG-TS with the concat demuxer and -c copy.
 */
export async function makeResolutionChanging(dir, seconds) {
  mkdirSync(dir, { recursive: true });
  const sizes = ['1280x720', '960x720', '640x480'];
  const parts = [];
  for (const [i, size] of sizes.entries())
    parts.push(
      await makeClip(path.join(dir, `part${i}.ts`), { seconds, size, format: ['-f', 'mpegts'] }),
    );
  const list = path.join(dir, 'parts.txt');
  writeFileSync(list, parts.map((p) => `file '${p}'\n`).join(''));
  const out = path.join(dir, 'changing.ts');
  await timed('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y', '-f', 'concat', '-safe', '0'],
    ...['-i', list, '-c', 'copy', '-f', 'mpegts', out],
  ]);
  return { file: out, sizes, seconds: seconds * sizes.length };
}
