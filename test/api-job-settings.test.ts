import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSettings } from '../app/jobs/settings';
import { createRouter } from '../main/api/router';
import type { Engine } from '../main/engine/engine';
import { nextUpdate, testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

const shaped: JobSettings = { crf: 40, trim: { startSec: 0.5, endSec: 1.5 } };

describe('jobs.add', () => {
  it('puts the settings on every job, and the dropped folder on each file found in it', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'drop');
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    for (const file of ['a.mp4', 'sub/b.mp4', '../c.mp4'])
      writeFileSync(path.join(folder, file), '');
    engine = await testEngine();
    await engine.jobs.add({
      paths: [folder, path.join(dir, 'c.mp4')],
      outDir: path.join(dir, 'out'),
      settings: shaped,
    });
    const specs = (await engine.jobs.list()).map(({ spec }) => spec);
    expect(specs.map((spec) => [path.relative(dir, spec.input), spec.sourceRoot])).toEqual([
      ['drop/a.mp4', folder],
      ['drop/sub/b.mp4', folder],
      ['c.mp4', undefined],
    ]);
    expect(specs.map((spec) => spec.settings)).toEqual([shaped, shaped, shaped]);
  });
});

describe('jobs.setSettings', () => {
  it('changes a waiting job, says so with an update, shows it in jobs.list and saves it', async () => {
    const dir = tempDir();
    const stateDir = path.join(dir, 'state');
    const clip = makeClip(path.join(dir, 'a.mp4'));
    engine = await testEngine({ stateDir });
    const { ids } = await engine.jobs.add({ paths: [clip], outDir: path.join(dir, 'out') });
    const id = ids[0] ?? '';
    const updated = nextUpdate(engine, id, (job) => job.spec.settings !== undefined);
    await engine.jobs.setSettings({ ids, settings: shaped });
    expect((await updated).spec.settings).toEqual(shaped);
    expect((await engine.jobs.list()).map((job) => job.spec.settings)).toEqual([shaped]);

    await engine.dispose();
    engine = await testEngine({ stateDir });
    expect((await engine.jobs.list()).map((job) => [job.id, job.spec.settings])).toEqual([
      [id, shaped],
    ]);
  });

  it('refuses the whole change, in a sentence, when a job of the selection has started', async () => {
    const dir = tempDir();
    const clips = ['a', 'b'].map((n) => makeClip(path.join(dir, `${n}.mp4`)));
    engine = await testEngine({ overrides: { concurrency: 1 } });
    const { ids } = await engine.jobs.add({ paths: clips, outDir: path.join(dir, 'out') });
    const [first = '', second = ''] = ids;
    const started = nextUpdate(engine, first, (job) => job.status === 'running');
    await engine.jobs.start();
    await started;
    await expect(engine.jobs.setSettings({ ids, settings: shaped })).rejects.toThrow(
      /^The settings of a job that has started or finished cannot change; [^.]+\.$/,
    );
    expect(engine.queue.get(second)?.spec.settings).toBeUndefined();
    expect(engine.queue.get(second)?.status).toBe('queued');
  });

  it('the router refuses settings outside the schema, naming the field', async () => {
    const dir = tempDir();
    engine = await testEngine();
    const { ids } = await engine.jobs.add({
      paths: [makeClip(path.join(dir, 'a.mp4'))],
      outDir: path.join(dir, 'out'),
    });
    const reply = await createRouter(engine).handle({
      type: 'call',
      id: 1,
      service: 'jobs',
      method: 'setSettings',
      input: { ids, settings: { crf: 99 } },
    });
    expect(reply).toMatchObject({ type: 'error', error: { message: /settings\.crf/ } });
    expect(engine.queue.get(ids[0] ?? '')?.spec.settings).toBeUndefined();
  });
});

describe('presets.commandFor', () => {
  it("shows the job's settings, or the panel's unsaved edits, with the job's output name", async () => {
    const dir = tempDir();
    engine = await testEngine();
    const { ids } = await engine.jobs.add({
      paths: [makeClip(path.join(dir, 'a.mp4'))],
      outDir: path.join(dir, 'out'),
      settings: { crf: 40, name: '{name}-small' },
    });
    const jobId = ids[0] ?? '';
    const crfOf = (args: string[]): string | undefined => args[args.indexOf('-crf') + 1];
    const saved = await engine.presets.commandFor({ presetId: 'h264-mp4', jobId });
    expect(crfOf(saved)).toBe('40');
    expect(saved.at(-1)).toMatch(/\/out\/\.a-small\.framewright-[0-9a-f]{8}\.part\.mp4$/);
    const edited = await engine.presets.commandFor({
      presetId: 'h264-mp4',
      jobId,
      settings: { crf: 30 },
    });
    expect(crfOf(edited)).toBe('30');
    expect(edited.at(-1)).toMatch(/\/out\/\.a\.framewright-[0-9a-f]{8}\.part\.mp4$/);
  });
});
