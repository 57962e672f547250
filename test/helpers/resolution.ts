import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

// Clips whose picture size changes mid-stream, as game captures and screen recordings do.

export const THREE_SIZES = ['320x240', '640x360', '256x224'] as const;

/** Joins one-second parts of each size (stream copy) into one file of `format`. */
export function makeMultiSizeClip(
  dir: string,
  name: string,
  kind: 'h264-ts' | 'vp8-webm',
  sizes: readonly string[] = THREE_SIZES,
): string {
  const ext = kind === 'h264-ts' ? 'ts' : 'webm';
  const parts = sizes.map((size, i) => {
    const part = path.join(dir, `part${i}-${name}.${ext}`);
    const codec =
      kind === 'h264-ts'
        ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-c:a', 'aac']
        : [
            '-c:v',
            'libvpx',
            '-deadline',
            'realtime',
            '-cpu-used',
            '8',
            '-b:v',
            '300k',
            '-c:a',
            'libopus',
          ];
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-nostdin',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${size}:rate=25:duration=1`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${300 + i * 200}:duration=1`,
      '-pix_fmt',
      'yuv420p',
      ...codec,
      '-shortest',
      part,
    ]);
    return part;
  });
  const list = path.join(dir, `list-${name}.txt`);
  writeFileSync(list, parts.map((p) => `file '${path.basename(p)}'`).join('\n'));
  const out = path.join(dir, `${name}.${ext}`);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'concat',
    '-i',
    list,
    '-c',
    'copy',
    out,
  ]);
  return out;
}

/** Every decoded video frame's size, in order. */
export function frameSizes(file: string): string[] {
  const csv = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'frame=width,height',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  );
  return csv
    .split('\n')
    .map((l) => l.split(',').slice(0, 2).join('x'))
    .filter((s) => /^\d+x\d+$/.test(s));
}

/** Per-frame MD5 of the decoded pictures (framemd5), without timestamps. */
export function frameHashes(file: string): string[] {
  const out = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return out
    .split('\n')
    .filter((l) => !l.startsWith('#') && l.trim() !== '')
    .map((l) => l.split(',').at(-1)?.trim() ?? '');
}

/** Mean luma of a region of the frame at `seconds` (16 is black in limited range). */
export function regionLuma(file: string, seconds: number, crop: string): number {
  const out = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-nostdin',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      `crop=${crop},signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-`,
      '-f',
      'null',
      '-',
    ],
    { encoding: 'utf8' },
  );
  return Number(/YAVG=([\d.]+)/.exec(out)?.[1] ?? NaN);
}

/** Every video frame's presentation time in seconds, relative to the first frame. */
export function frameTimes(file: string): number[] {
  const csv = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'frame=best_effort_timestamp_time',
      '-of',
      'csv=p=0',
      file,
    ],
    { encoding: 'utf8' },
  );
  const times = csv
    .split('\n')
    .map((l) => Number.parseFloat(l))
    .filter((n) => Number.isFinite(n));
  return times.map((t) => t - (times[0] ?? 0));
}
