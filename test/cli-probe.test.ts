import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { makeClip, tempDir } from './helpers/media';

interface RawStream {
  index: number;
  codec_name?: string;
  codec_type?: string;
  tags?: Record<string, string>;
  disposition?: Record<string, number>;
  side_data_list?: unknown[];
}

function ffprobe(file: string): {
  streams: RawStream[];
  chapters: unknown[];
  format: { tags?: Record<string, string> };
} {
  const json = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      '-show_chapters',
      file,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(json) as ReturnType<typeof ffprobe>;
}

/** A rich file: two audio tracks with languages, a subtitle, chapters, rotation, tags. */
function richFile(dir: string): string {
  const base = makeClip(path.join(dir, 'base.mp4'), { seconds: 2 });
  const meta = path.join(dir, 'chapters.txt');
  writeFileSync(
    meta,
    ';FFMETADATA1\ntitle=Rich file\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=Ending\n',
  );
  const srt = path.join(dir, 'subs.srt');
  writeFileSync(srt, '1\n00:00:00,000 --> 00:00:01,000\nHello\n');
  const rich = path.join(dir, 'rich file.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-i',
    base,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=220:duration=2',
    '-i',
    srt,
    '-i',
    meta,
    '-map',
    '0:v',
    '-map',
    '0:a',
    '-map',
    '1:a',
    '-map',
    '2:s',
    '-map_metadata',
    '3',
    '-map_chapters',
    '3',
    '-c:v',
    'copy',
    '-c:a',
    'aac',
    '-c:s',
    'mov_text',
    '-metadata:s:a:0',
    'language=eng',
    '-metadata:s:a:1',
    'language=fra',
    '-disposition:a:1',
    '0',
    '-metadata:s:v:0',
    'rotate=90',
    rich,
  ]);
  return rich;
}

describe('probe --json', () => {
  it('agrees with ffprobe on streams, codecs, tags, disposition, side data and chapters', async () => {
    const dir = tempDir();
    const file = richFile(dir);
    const result = await runCli(['probe', file, '--json']);
    expect(result.code).toBe(0);
    const [outcome] = JSON.parse(result.stdout) as [
      {
        ok: boolean;
        info: {
          streams: RawStream[];
          chapters: unknown[];
          format: { tags?: Record<string, string> };
        };
      },
    ];
    expect(outcome.ok).toBe(true);
    const ours = outcome.info;
    const theirs = ffprobe(file);
    expect(ours.streams.map((s) => [s.index, s.codec_type, s.codec_name])).toEqual(
      theirs.streams.map((s) => [s.index, s.codec_type, s.codec_name]),
    );
    expect(ours.streams.map((s) => s.tags)).toEqual(theirs.streams.map((s) => s.tags));
    expect(ours.streams.map((s) => s.disposition)).toEqual(
      theirs.streams.map((s) => s.disposition),
    );
    expect(ours.streams.map((s) => s.side_data_list)).toEqual(
      theirs.streams.map((s) => s.side_data_list),
    );
    expect(ours.chapters).toEqual(theirs.chapters);
    expect(ours.format.tags).toEqual(theirs.format.tags);
    // The rotation really is there to be kept.
    expect(JSON.stringify(ours.streams[0]?.side_data_list)).toMatch(/rotation/);
  });

  it('explains a corrupt file and a missing file, exit 1', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.mkv');
    writeFileSync(bad, 'this is not a matroska file at all');
    const result = await runCli(['probe', bad, path.join(dir, 'missing.mp4'), '--json']);
    expect(result.code).toBe(1);
    const outcomes = JSON.parse(result.stdout) as { ok: boolean; error: string }[];
    expect(outcomes[0]?.error).toMatch(/damaged or is not a media file/);
    expect(outcomes[1]?.error).toMatch(/does not exist or cannot be read/);
  });

  it('prints a readable summary for people', async () => {
    const dir = tempDir();
    const file = richFile(dir);
    const result = await runCli(['probe', file]);
    expect(result.stdout).toMatch(/#2 audio, aac, 1 ch, 44100 Hz, fra/);
    expect(result.stdout).toMatch(/rotated/);
    expect(result.stdout).toMatch(/chapter 1 at 0:01: Ending/);
  });
});

describe('convert --dry-run and --events ndjson', () => {
  it('dry-run prints the exact command; running it by hand gives the same file', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'clip.mp4'));
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'remux-mkv',
      '--out',
      path.join(dir, 'out'),
      '--dry-run',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const plan = (JSON.parse(result.stdout) as { plans: { command: string[] }[] }).plans[0];
    const command = plan?.command ?? [];
    expect(command.slice(0, 3)).toEqual(['ffmpeg', '-hide_banner', '-nostdin']);
    expect(command).toContain('-protocol_whitelist');
    const manual = path.join(dir, 'manual.mkv');
    execFileSync(command[0] ?? 'ffmpeg', [...command.slice(1, -1), `file:${manual}`], {
      stdio: 'ignore',
    });
    expect(ffprobe(manual).streams.map((s) => s.codec_name)).toEqual(['h264', 'aac']);
  });

  it('ndjson prints job updates and progress, one JSON object per line', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'clip.mp4'), { seconds: 2 });
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'h264-mp4',
      '--out',
      path.join(dir, 'out'),
      '--events',
      'ndjson',
    ]);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; job?: { status: string } });
    const statuses = events.filter((e) => e.type === 'job').map((e) => e.job?.status);
    expect(statuses).toEqual(['queued', 'probing', 'running', 'finalizing', 'done']);
    expect(events.some((e) => e.type === 'progress')).toBe(true);
  });
});
