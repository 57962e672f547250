import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preset } from '../app/presets/schema';
import type { Engine } from '../main/engine/engine';
import { runCli } from './helpers/cli';
import { testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

// presets.save (the preset editor) keeps a user preset in the state folder's presets/,
// the store the CLI reads too: what the app saves, `convert --preset` uses.

const small = {
  id: 'small-h264',
  name: 'Small H.264',
  container: 'mp4',
  extension: '.mp4',
  video: { codec: 'libx264', crf: 37, speed: 'veryfast', pixelFormat: 'yuv420p' },
  audio: { codec: 'aac', bitrateKbps: 64 },
};

describe('presets.save', () => {
  let stateDir: string;
  let engine: Engine;
  beforeAll(async () => {
    stateDir = tempDir();
    engine = await testEngine({ stateDir });
  });
  afterAll(() => engine.dispose());

  it('saves a user preset, says so with presets.changed, and keeps it as a file', async () => {
    const changed: Preset[][] = [];
    const off = engine.presets.onChanged((list) => changed.push(list));
    const saved = await engine.presets.save({ preset: small });
    off();
    expect(saved).toMatchObject(small);
    expect(changed.map((list) => list.some((p) => p.id === 'small-h264'))).toEqual([true]);
    expect(readdirSync(path.join(stateDir, 'presets'))).toEqual(['small-h264.json']);
  });

  it('replaces a user preset of the same id', async () => {
    await engine.presets.save({ preset: { ...small, name: 'Smaller' } });
    const mine = (await engine.presets.list()).filter((p) => p.id === 'small-h264');
    expect(mine.map((p) => p.name)).toEqual(['Smaller']);
  });

  it.each([
    ['a built-in id', { ...small, id: 'h264-mp4' }, /^"h264-mp4" is a built-in preset; [^.]+\.$/],
    [
      'a field outside the schema',
      { ...small, id: 'bad', video: { ...small.video, crf: 'low' } },
      /^The preset is not a valid preset: video\.crf: /,
    ],
  ])('refuses %s with a sentence', async (_name, preset, message) => {
    await expect(engine.presets.save({ preset })).rejects.toThrow(message);
    expect(readdirSync(path.join(stateDir, 'presets'))).toEqual(['small-h264.json']);
  });

  it('the CLI converts with a preset saved in the app (same state folder)', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'a.mp4'));
    const { code, stdout, stderr } = await runCli(
      [
        'convert',
        clip,
        '--preset',
        'small-h264',
        '--out',
        path.join(dir, 'out'),
        '--dry-run',
        '--json',
      ],
      { ...process.env, FRAMEWRIGHT_STATE_DIR: stateDir },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { plans } = JSON.parse(stdout) as { plans: { command?: string[] }[] };
    const command = plans[0]?.command ?? [];
    expect(command[command.indexOf('-crf') + 1]).toBe('37');
    expect(command).toContain('libx264');
  });
});
