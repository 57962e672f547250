import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobSpec } from '../app/jobs/job';
import type { JobSettings } from '../app/jobs/settings';
import { expandPaths } from '../main/engine/expand';
import {
  decideOutput,
  decideOutputUnprobed,
  outputTarget,
  reserveTemp,
} from '../main/engine/output';
import { tempDir } from './helpers/media';

const picture = { size: { width: 640, height: 360 }, codec: 'h264' };
const preset = { id: 'h264-mp4' };

function spec(input: string, settings: JobSettings, sourceRoot?: string) {
  const s: Pick<JobSpec, 'input' | 'outDir' | 'settings' | 'sourceRoot'> = {
    input,
    outDir: '/out',
    settings,
  };
  if (sourceRoot !== undefined) s.sourceRoot = sourceRoot;
  return s;
}

describe('outputTarget', () => {
  const input = '/drop/shows/s1/ep 1.mkv';
  it('puts the output in the chosen folder, beside the source, or mirrors the dropped tree', () => {
    expect(outputTarget(spec(input, {}), preset, picture)).toEqual({ dir: '/out', base: 'ep 1' });
    expect(outputTarget(spec(input, { folder: 'beside-source' }), preset, picture).dir).toBe(
      '/drop/shows/s1',
    );
    expect(outputTarget(spec(input, { folder: 'keep-tree' }, '/drop'), preset, picture).dir).toBe(
      '/out/shows/s1',
    );
    // A file named directly (no dropped folder) or outside it goes to the chosen folder itself.
    expect(outputTarget(spec(input, { folder: 'keep-tree' }), preset, picture).dir).toBe('/out');
    expect(outputTarget(spec(input, { folder: 'keep-tree' }, '/other'), preset, picture).dir).toBe(
      '/out',
    );
    const dotted = spec('/drop/..x/clip.mkv', { folder: 'keep-tree' }, '/drop');
    expect(outputTarget(dotted, preset, picture).dir).toBe('/out/..x');
  });

  it('names the output from the template and the job start', () => {
    const started = new Date(2026, 10, 30, 12);
    const settings = { name: '{name}-{preset}-{height}p-{codec}-{date}' };
    expect(outputTarget(spec(input, settings), preset, picture, started).base).toBe(
      'ep 1-h264-mp4-360p-h264-2026-11-30',
    );
  });
});

describe('decideOutput with a target', () => {
  it('never takes the input itself as the output: renames, or refuses to overwrite', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'clip.mkv');
    writeFileSync(input, 'source');
    const target = { dir, base: 'clip' };
    const renamed = await decideOutput(input, target, '.mkv', 'rename');
    expect(renamed.final).toBe(path.join(dir, 'clip (converted).mkv'));
    await expect(decideOutput(input, target, '.mkv', 'overwrite')).rejects.toThrow(
      /replace the input file itself/,
    );
  });
});

describe('decideOutputUnprobed', () => {
  it('names an output before any probe unless the template shows the picture', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'clip.mkv');
    const h264 = { id: 'h264-mp4', extension: '.mp4' } as Parameters<
      typeof decideOutputUnprobed
    >[1];
    const named = { input, outDir: dir, settings: { name: '{name}-{preset}' } };
    expect(await decideOutputUnprobed(named, h264, 'rename')).toMatchObject({
      kind: 'write',
      final: path.join(dir, 'clip-h264-mp4.mp4'),
    });
    for (const name of ['{name}-{height}p', '{width}', '{codec}'])
      expect(decideOutputUnprobed({ ...named, settings: { name } }, h264, 'rename')).toBeNull();
  });
});

describe('reserveTemp', () => {
  it('makes a missing output folder (a keep-tree subfolder)', async () => {
    const temp = path.join(tempDir(), 'a', 'b', '.x.part.mp4');
    await reserveTemp(temp);
    expect(existsSync(temp)).toBe(true);
  });
});

describe('expandPaths roots', () => {
  it('gives each file found in a dropped folder that folder, and none to a file named directly', async () => {
    const dir = tempDir();
    const drop = path.join(dir, 'drop');
    mkdirSync(path.join(drop, 'a', 'b'), { recursive: true });
    const deep = path.join(drop, 'a', 'b', 'deep.mp4');
    const named = path.join(dir, 'named.mp4');
    for (const file of [deep, named]) writeFileSync(file, '');
    const { files, roots } = await expandPaths([drop, named]);
    expect(files).toEqual([deep, named]);
    expect([...roots]).toEqual([[deep, drop]]);
  });
});
