import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A film a person would shape: a 16:9 picture letterboxed into 4:3 (black bars above and
// below), three audio tracks in three languages with titles, and English subtitles.

export const PICTURE = { width: 320, height: 180, barHeight: 30 };

export function makeFilm(dir: string, name = 'letterboxed film.mkv', seconds = 4): string {
  mkdirSync(dir, { recursive: true });
  const srt = path.join(dir, 'subs.srt');
  writeFileSync(srt, '1\n00:00:00,000 --> 00:00:02,000\nHello there.\n');
  const out = path.join(dir, name);
  const { width, height, barHeight } = PICTURE;
  const sine = (hz: number): string[] => [
    ...['-f', 'lavfi', '-i', `sine=frequency=${hz}:duration=${seconds}`],
  ];
  execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=25:duration=${seconds}`],
      ...sine(440),
      ...sine(550),
      ...['-f', 'lavfi', '-i', `sine=frequency=660:duration=${seconds},pan=5.1|c0=c0|c1=c0`],
      ...['-i', srt],
      ...['-map', '0:v', '-map', '1:a', '-map', '2:a', '-map', '3:a', '-map', '4:s'],
      ...['-vf', `pad=${width}:${height + 2 * barHeight}:0:${barHeight}:black`],
      // A keyframe each second, so the film can be encoded in chunks.
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25'],
      ...['-c:a', 'aac', '-c:s', 'srt'],
      ...['-metadata:s:a:0', 'language=eng', '-metadata:s:a:0', 'title=Main'],
      ...['-metadata:s:a:1', 'language=fra', '-metadata:s:a:1', 'title=Version française'],
      ...['-metadata:s:a:2', 'language=deu', '-metadata:s:a:2', 'title=Kommentar'],
      ...['-metadata:s:s:0', 'language=eng'],
      out,
    ],
    { stdio: 'inherit' },
  );
  return out;
}
