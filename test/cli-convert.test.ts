import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import {
  decodeErrors,
  makeClip,
  makeCorrupt,
  probeJson,
  sha256,
  tempDir,
  tempLeftovers,
} from './helpers/media';

describe('convert a folder', () => {
  it('converts 5 clips, fails the corrupt one with a sentence, skips the text file, exits 1, leaves sources alone', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in');
    const nested = path.join(input, 'nested');
    const out = path.join(dir, 'out');
    mkdirSync(nested, { recursive: true });
    const clips = [1, 2, 3].map((n) => makeClip(path.join(input, `clip${n}.mp4`)));
    clips.push(
      makeClip(path.join(nested, 'clip4.mkv')),
      makeClip(path.join(nested, 'clip5.mov'), { audio: false }),
    );
    const corrupt = makeCorrupt(path.join(input, 'broken.mp4'));
    const text = path.join(input, 'notes.txt');
    writeFileSync(text, 'not a video\n');
    const before = [...clips, corrupt, text].map(sha256);

    const result = await runCli(['convert', input, '--preset', 'h264-mp4', '--out', out, '--json']);

    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as {
      jobs: { input: string; output: string | null; status: string; error: string | null }[];
      skipped: { path: string; reason: string }[];
    };
    expect(summary.jobs).toHaveLength(6);
    const done = summary.jobs.filter((j) => j.status === 'done');
    expect(done).toHaveLength(5);
    for (const job of done) {
      expect(job.output).toMatch(/\.mp4$/);
      expect(decodeErrors(job.output ?? '')).toBe('');
      expect(probeJson(job.output ?? '').streams[0]?.codec_name).toBe('h264');
    }
    const failed = summary.jobs.find((j) => j.status === 'failed');
    expect(failed?.input).toBe(corrupt);
    expect(failed?.error).toMatch(/damaged or is not a media file/);
    expect(summary.skipped).toEqual([{ path: text, reason: 'Not a video or audio file.' }]);
    expect(tempLeftovers(out)).toEqual([]);
    expect([...clips, corrupt, text].map(sha256)).toEqual(before);
  });
});

describe('file names', () => {
  const names = [
    '-dash.mp4',
    'with space.mp4',
    `quote's "double".mp4`,
    'ünïcødé 映像.mp4',
    'new\nline.mp4',
    'colon:name.mp4',
    '$(echo pwned).mp4',
  ];
  it('converts tricky names without treating them as options, protocols or shell', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const inputs = names.map((name) => makeClip(path.join(dir, name), { audio: false }));
    const result = await runCli([
      'convert',
      ...inputs,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const outputs = readdirSync(out).sort();
    expect(outputs).toEqual(names.map((n) => n.replace(/\.mp4$/, '.mp4')).sort());
  });
});

type Summary = { jobs: { output: string | null; error: string | null; warnings: string[] }[] };
const firstJob = (stdout: string) => (JSON.parse(stdout) as Summary).jobs[0];

describe('on-exists policy', () => {
  it('never overwrites by default, skips or overwrites only when asked, refuses to replace the input', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'a.mkv'), { audio: false });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const existing = path.join(out, 'a.mp4');
    writeFileSync(existing, 'precious');
    const precious = sha256(existing);

    const renamed = await runCli(['convert', clip, '--preset', 'h264-mp4', '--out', out, '--json']);
    expect(renamed.code).toBe(0);
    expect(sha256(existing)).toBe(precious);
    expect(firstJob(renamed.stdout)?.output).toBe(path.join(out, 'a (1).mp4'));

    const skipped = await runCli([
      'convert',
      clip,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--on-exists',
      'skip',
      '--json',
    ]);
    expect(skipped.code).toBe(0);
    expect(firstJob(skipped.stdout)?.warnings[0]).toMatch(/^Skipped/);
    expect(sha256(existing)).toBe(precious);

    const overwritten = await runCli([
      'convert',
      clip,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--on-exists',
      'overwrite',
      '--json',
    ]);
    expect(overwritten.code).toBe(0);
    expect(decodeErrors(existing)).toBe('');

    const self = makeClip(path.join(dir, 'self.mkv'), { audio: false });
    const selfHash = sha256(self);
    const refused = await runCli([
      'convert',
      self,
      '--preset',
      'remux-mkv',
      '--out',
      dir,
      '--on-exists',
      'overwrite',
      '--json',
    ]);
    expect(refused.code).toBe(1);
    expect(firstJob(refused.stdout)?.error).toMatch(/replace the input file itself/);
    expect(sha256(self)).toBe(selfHash);
    expect(tempLeftovers(dir)).toEqual([]);
    expect(tempLeftovers(out)).toEqual([]);
  });
});

describe('usage errors', () => {
  it.each([
    [['convert', 'x.mp4', '--out', '/tmp'], /needs --preset/],
    [['convert', 'x.mp4', '--preset', 'nope', '--out', '/tmp'], /no preset called "nope"/],
    [
      ['convert', 'x.mp4', '--preset', 'h264-mp4', '--out', '/tmp', '--on-exists', 'clobber'],
      /skip, rename or overwrite/,
    ],
    [
      ['convert', 'x.mp4', '--preset', 'h264-mp4', '--out', '/tmp', '--concurrency', '0'],
      /whole number/,
    ],
    [['frobnicate'], /Unknown command/],
    [['convert', '--bogus'], /Unknown option/],
  ])('%j exits 2 with a sentence', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('custom preset extra options', () => {
  /** Converts one clip with a preset file holding these settings (id "tuned"). */
  async function convertWith(video: Record<string, unknown>, audio: Record<string, unknown>) {
    const dir = tempDir();
    const file = path.join(dir, 'preset.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'tuned',
        name: 'Tuned',
        container: 'mp4',
        extension: '.mp4',
        video: { codec: 'libx264', crf: 30, speed: 'ultrafast', pixelFormat: 'yuv420p', ...video },
        audio: { codec: 'aac', bitrateKbps: 96, ...audio },
      }),
    );
    const clip = makeClip(path.join(dir, 'a.mkv'));
    const out = path.join(dir, 'out');
    const args = ['convert', clip, '--preset-file', file, '--preset', 'tuned', '--out', out];
    return { dir, result: await runCli([...args, '--json']) };
  }

  it('refuses a preset file whose -x264-params writes a file: exit 2, a sentence naming it, nothing written', async () => {
    const dump = path.join(tempDir(), 'frames.yuv');
    const { dir, result } = await convertWith(
      { extraArgs: ['-x264-params', `dump-yuv=${dump}`] },
      {},
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /video\.extraArgs\.1: -x264-params key "dump-yuv" is not allowed for libx264; allowed keys: /,
    );
    expect(readdirSync(dir).sort()).toEqual(['a.mkv', 'preset.json']);
    expect(existsSync(dump)).toBe(false);
  });

  it('converts with allowed extra options, which reach the encoder', async () => {
    const { result } = await convertWith(
      { extraArgs: ['-tune', 'film', '-x264-params', 'keyint=12:bframes=2'] },
      { extraArgs: ['-aac_coder', 'fast'] },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = firstJob(result.stdout)?.output ?? '';
    expect(decodeErrors(output)).toBe('');
    // x264 writes its settings into the stream: the listed options took effect.
    const settings = /x264 - core .*? options: ([^\0]*)/.exec(readFileSync(output, 'latin1'))?.[1];
    expect(settings).toMatch(/ keyint=12 /);
    expect(settings).toMatch(/ bframes=2 /);
    expect(settings).toMatch(/ psy_rd=1\.00:0\.15 /); // -tune film
  });
});
