import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type ConvertSummary } from './helpers/cli';
import { makeClip, pictureSize, sha256, tempDir, tempLeftovers } from './helpers/media';

// The job flags of `convert`: output names and folders on real conversions, the
// sentence for each bad value, and --dry-run showing what the flags change.

/** Every file under `dir`, as paths relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const summaryOf = (stdout: string): ConvertSummary => JSON.parse(stdout) as ConvertSummary;

/** The environment with the default output folder in a temporary place. */
const env = (): NodeJS.ProcessEnv => ({ ...process.env, FRAMEWRIGHT_OUT_DIR: tempDir() });

describe('output names', () => {
  it('names the output from the template with the size it really has', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'clip.mkv'), { audio: false });
    const out = path.join(dir, 'out');
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--name',
      '{name}-{preset}-{height}p',
      '--max-height',
      '90',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = path.join(out, 'clip-h264-mp4-90p.mp4');
    expect(summaryOf(result.stdout).jobs[0]?.output).toBe(output);
    expect(readdirSync(out)).toEqual(['clip-h264-mp4-90p.mp4']);
    expect(pictureSize(output)).toMatchObject({ width: 120, height: 90 });
  });
});

describe('output folders', () => {
  it('--beside-source writes next to each input and never replaces the input itself', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'clip.mkv'), { audio: false });
    const before = sha256(clip);
    const beside = await runCli(
      [
        'convert',
        clip,
        '--preset',
        'remux-mkv',
        '--beside-source',
        '--name',
        '{name} copy',
        '--json',
      ],
      env(),
    );
    expect(beside.code).toBe(0);
    expect(summaryOf(beside.stdout).jobs[0]?.output).toBe(path.join(dir, 'clip copy.mkv'));

    const refused = await runCli(
      [
        'convert',
        clip,
        '--preset',
        'remux-mkv',
        '--beside-source',
        '--on-exists',
        'overwrite',
        '--json',
      ],
      env(),
    );
    expect(refused.code).toBe(1);
    expect(summaryOf(refused.stdout).jobs[0]?.error).toMatch(/replace the input file itself/);
    expect(sha256(clip)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['clip copy.mkv', 'clip.mkv']);
  });

  it("--keep-tree mirrors a two-level dropped folder's subfolders under --out", async () => {
    const dir = tempDir();
    const drop = path.join(dir, 'drop');
    mkdirSync(path.join(drop, 'season 1', 'extras'), { recursive: true });
    for (const file of ['top.mp4', 'season 1/ep1.mp4', 'season 1/extras/making of.mp4'])
      makeClip(path.join(drop, file), { audio: false });
    const out = path.join(dir, 'out');
    const result = await runCli([
      'convert',
      drop,
      '--preset',
      'remux-mkv',
      '--out',
      out,
      '--keep-tree',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(tree(out)).toEqual([
      path.join('season 1', 'ep1.mkv'),
      path.join('season 1', 'extras', 'making of.mkv'),
      'top.mkv',
    ]);
    expect(tempLeftovers(path.join(out, 'season 1', 'extras'))).toEqual([]);
  });
});

describe('job flags refused', () => {
  const out = ['--out', '/tmp'];
  it.each<[string[], string | RegExp]>([
    [[...out, '--crf', '99'], '--crf must be at most 63.'],
    [
      [...out, '--audio', 'english'],
      '--audio english is not accepted: use a three-letter ISO 639-2 code such as eng or fra.',
    ],
    [[...out, '--audio-mix', 'mono'], '--audio-mix must be keep, stereo or 5.1.'],
    [[...out, '--start', '1m'], '--start must be seconds or [h:]m:s[.ms], for example 90 or 1:30.'],
    [
      [...out, '--start', '5', '--end', '2'],
      '--end 2 is not accepted: the end must come after the start.',
    ],
    [
      [...out, '--crop', 'big'],
      '--crop must be auto, none or W:H:X:Y (for example 1920:800:0:140).',
    ],
    [[...out, '--name', '{title}'], /^--name \{title\} is not accepted: use only \{name\}, .*\.$/],
    [['--beside-source', ...out], '--beside-source writes beside each input: leave out --out.'],
    [['--keep-tree'], '--keep-tree needs --out <dir>, the folder that mirrors the tree.'],
  ])('%j exits 2 with one sentence naming the flag', async (flags, sentence) => {
    const result = await runCli(['convert', 'x.mp4', '--preset', 'h264-mp4', ...flags]);
    expect(result.code).toBe(2);
    const message = result.stderr.split('\n')[0]?.replace(/^framewright: /, '');
    if (typeof sentence === 'string') expect(message).toBe(sentence);
    else expect(message).toMatch(sentence);
  });
});

describe('--dry-run with job flags', () => {
  it('prints the command the flags shape, named and placed as the run would', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'clip.mkv'), { seconds: 2, audio: false });
    const result = await runCli(
      [
        'convert',
        clip,
        '--preset',
        'h264-mp4',
        '--beside-source',
        '--name',
        '{name}-{codec}',
        '--crf',
        '30',
        '--start',
        '1',
        '--dry-run',
        '--json',
      ],
      env(),
    );
    expect(result.code).toBe(0);
    const { plans } = JSON.parse(result.stdout) as {
      plans: { output: string; commands: string[][] }[];
    };
    expect(plans[0]?.output).toBe(path.join(dir, 'clip-h264.mp4'));
    const command = plans[0]?.commands.at(-1) ?? [];
    expect(command.join(' ')).toContain('-crf 30');
    expect(command[command.indexOf('-ss') + 1]).toBe('1');
    expect(readdirSync(dir)).toEqual(['clip.mkv']);
  });

  it('analyses the source for --crop auto, as the run does, and names the output by the cropped size', async () => {
    const dir = tempDir();
    // 160x96 of picture inside 160x128: black bars of 16 lines above and below.
    const clip = makeClip(path.join(dir, 'bars.mkv'), {
      seconds: 2,
      audio: false,
      size: '160x96',
      codec: ['-vf', 'pad=160:128:0:16', '-c:v', 'libx264', '-preset', 'ultrafast'],
    });
    const out = path.join(dir, 'out');
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'h264-mp4',
      '--out',
      out,
      '--crop',
      'auto',
      '--name',
      '{name}-{width}x{height}',
      '--dry-run',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const { plans } = JSON.parse(result.stdout) as {
      plans: { output: string; commands: string[][] }[];
    };
    expect(plans[0]?.output).toBe(path.join(out, 'bars-160x96.mp4'));
    const command = plans[0]?.commands.at(-1) ?? [];
    expect(command[command.indexOf('-vf') + 1]).toMatch(/^crop=160:96:0:16(,|$)/);
  });
});
