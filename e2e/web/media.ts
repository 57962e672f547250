import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Test media made at test time with ffmpeg's lavfi sources: tiny, so conversions take
// a moment, plus a file of random bytes that only pretends to be a video.

export interface Clips {
  good: string[];
  corrupt: string;
  /** Long enough (a few seconds of work) to still be converting when the host is killed. */
  long: string;
}

function lavfi(
  out: string,
  extra: string[],
  video = 'testsrc=size=160x120:rate=25:duration=1',
  seconds = 1,
): void {
  execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
      ...['-f', 'lavfi', '-i', video],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
      ...extra,
      ...['-shortest', out],
    ],
    { stdio: 'inherit' },
  );
}

export function makeClips(dir: string): Clips {
  mkdirSync(dir, { recursive: true });
  const a = path.join(dir, 'sunrise.mp4');
  const b = path.join(dir, 'harbour walk.mkv');
  lavfi(a, [
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-metadata:s:a:0',
    'language=eng',
  ]);
  lavfi(b, ['-c:v', 'mpeg4', '-c:a', 'libopus', '-metadata', 'title=Harbour walk']);
  const corrupt = path.join(dir, 'broken.mp4');
  writeFileSync(corrupt, randomBytes(64 * 1024));
  const long = path.join(dir, 'long take.mkv');
  // Noise is cheap to make and slow to encode: a few seconds of x264 work on two cores.
  const noise = 'color=c=0x3355aa:size=320x180:rate=25:duration=8,noise=alls=30:allf=t';
  lavfi(long, ['-c:v', 'mpeg4', '-q:v', '10', '-c:a', 'flac'], noise, 8);
  return { good: [a, b], corrupt, long };
}
