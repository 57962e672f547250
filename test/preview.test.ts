import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCli } from './helpers/cli';
import { makeClip, pictureSize, probeJson, tempDir } from './helpers/media';
import { eventually, processesInGroup, processesMentioning } from './helpers/processes';

// `framewright preview` through the built CLI, real worker and ffmpeg: before/after pairs
// that decode as PNG at the right sizes, a clip of the asked length through the plan,
// and a size estimate near what the real conversion writes.

interface PreviewJson {
  stills: { atSec: number; before: string; after: string }[];
  clip: { file: string; startSec: number; durationSec: number; playable?: boolean };
  estimatedBytes: number;
  folder: string;
  files: string[];
}

const dir = tempDir('fw-preview-');
let source = '';

beforeAll(() => {
  source = makeClip(path.join(dir, 'film.mp4'), { seconds: 20, size: '640x360' });
});

describe('framewright preview', () => {
  it('writes 5 pairs, a 10 s clip through the plan, and an estimate near the real size', async () => {
    const out = path.join(dir, 'json');
    const run = startCli([
      ...['preview', source, '--preset', 'h264-mp4', '--out', out],
      ...['--max-height', '240', '--json'],
    ]);
    const { code, stdout, stderr } = await run.done;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as PreviewJson;
    expect(result.folder).toBe(out);
    expect(result.stills.map((s) => s.atSec)).toEqual([3.333, 6.667, 10, 13.333, 16.667]);

    const clip = path.join(out, result.clip.file);
    expect(result.clip).toEqual({ file: 'clip.mp4', startSec: 5, durationSec: 10, playable: true });
    expect(Number(probeJson(clip).format.duration)).toBeCloseTo(10, 0);
    const planned = pictureSize(clip);
    expect(planned).toEqual({ codec: 'h264', width: 426, height: 240 });
    for (const still of result.stills) {
      // Before: the source as shown; after: the plan's output size.
      expect(pictureSize(path.join(out, still.before))).toEqual({
        codec: 'png',
        width: 640,
        height: 360,
      });
      expect(pictureSize(path.join(out, still.after))).toEqual({ ...planned, codec: 'png' });
    }
    // Every file named, and nothing else left behind (no encodes, FIFOs or work folders).
    expect(result.files.map((f) => path.basename(f)).sort()).toEqual(readdirSync(out).sort());
    expect(result.files).toHaveLength(11);

    const converted = path.join(dir, 'converted');
    const full = await startCli([
      ...['convert', source, '--preset', 'h264-mp4', '--out', converted, '--max-height', '240'],
    ]).done;
    expect(full.code).toBe(0);
    const [output = ''] = readdirSync(converted);
    const real = statSync(path.join(converted, output)).size;
    expect(result.estimatedBytes / real).toBeGreaterThan(0.6);
    expect(result.estimatedBytes / real).toBeLessThan(1.6);
  });

  it('takes the positions and clip length asked for, and prints one line per file', async () => {
    const out = path.join(dir, 'human');
    const run = startCli([
      ...['preview', source, '--preset', 'h264-mp4', '--out', out],
      ...['--at', '2,0:04.5', '--clip', '3'],
    ]);
    const { code, stdout } = await run.done;
    expect(code).toBe(0);
    const names = ['before-2.png', 'after-2.png', 'before-4.5.png', 'after-4.5.png', 'clip.mp4'];
    expect(stdout.trim().split('\n')).toEqual([
      ...names.map((name) => path.join(out, name)),
      expect.stringMatching(/^Estimated size of the whole output: \d+(\.\d)? (KB|MB)$/),
    ]);
    expect(readdirSync(out).sort()).toEqual([...names].sort());
    // The clip starts at the first position.
    expect(Number(probeJson(path.join(out, 'clip.mp4')).format.duration)).toBeCloseTo(3, 0);
  });

  it('refuses a position outside the source, in one sentence', async () => {
    const out = path.join(dir, 'outside');
    const { code, stderr } = await startCli([
      ...['preview', source, '--preset', 'h264-mp4', '--out', out, '--at', '25'],
    ]).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/position 25 s is outside the part of the source/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('Ctrl-C cancels: exit 130, no ffmpeg left, no partial file', async () => {
    const long = makeClip(path.join(dir, 'long.mkv'), {
      seconds: 20,
      size: '640x360',
      codec: ['-c:v', 'mpeg4', '-q:v', '5'],
    });
    const out = path.join(dir, 'interrupted');
    const run = startCli([
      ...['preview', long, '--preset', 'hevc-mkv', '--out', out, '--clip', '20'],
    ]);
    const pid = run.child.pid ?? 0;
    expect(
      await eventually(
        () => processesMentioning(out).some((p) => p.cmdline.includes('ffmpeg')),
        30_000,
      ),
    ).toBe(true);
    process.kill(-pid, 'SIGINT');
    const { code } = await run.done;
    expect(code).toBe(130);
    expect(
      await eventually(
        () => processesMentioning(out).length === 0 && processesInGroup(pid).length === 0,
        3000,
      ),
    ).toBe(true);
    expect(readdirSync(out)).toEqual([]);
  });
});
