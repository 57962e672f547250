import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A clip whose picture size changes twice (4:3, 16:9, then 8:7), made at test time: three
// H.264 parts in MPEG-TS joined by ffmpeg's concat demuxer with stream copy.

export const SIZES = ['320x240', '640x360', '256x224'] as const;

function ffmpeg(args: string[], cwd: string): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], {
    cwd,
    stdio: 'inherit',
  });
}

/** `copies` files of the same content (distinct names), each with two size changes. */
export function makeResolutionClips(dir: string, copies: number, seconds = 2): string[] {
  mkdirSync(dir, { recursive: true });
  const list: string[] = [];
  for (const size of SIZES) {
    const part = `part-${size}.ts`;
    // Light noise: cheap to make, small to upload, and real work for the encoder.
    const source = `testsrc2=size=${size}:rate=25:duration=${seconds},noise=alls=12:allf=t`;
    ffmpeg(
      [
        ...['-f', 'lavfi', '-i', source],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '28', '-pix_fmt', 'yuv420p'],
        ...['-f', 'mpegts', part],
      ],
      dir,
    );
    list.push(`file '${part}'`);
  }
  writeFileSync(path.join(dir, 'parts.txt'), `${list.join('\n')}\n`);
  const first = path.join(dir, 'sizes 1.ts');
  ffmpeg(['-f', 'concat', '-safe', '0', '-i', 'parts.txt', '-c', 'copy', first], dir);
  const clips = [first];
  for (let i = 2; i <= copies; i++) {
    const copy = path.join(dir, `sizes ${i}.ts`);
    copyFileSync(first, copy);
    clips.push(copy);
  }
  return clips;
}
