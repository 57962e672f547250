import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_EVENTS, type ReplyMessage } from '../app/api/contract';
import { jobsOf } from '../app/jobs/added';
import type { Job } from '../app/jobs/job';
import { createRouter } from '../main/api/router';
import type { Engine } from '../main/engine/engine';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// The engine emits new jobs as jobs; the router compacts them for the wire, one event
// per run of jobs that share their whole spec but the input (here: the dropped folder).

describe('jobs.added on the wire', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine();
  });
  afterAll(() => engine.dispose());

  it('two dropped folders are two compact events that expand to the engine’s jobs', async () => {
    const dir = tempDir();
    const folders = ['one', 'two'].map((name) => path.join(dir, name));
    for (const folder of folders) {
      mkdirSync(folder);
      for (const n of [1, 2, 3]) writeFileSync(path.join(folder, `clip-${n}.mp4`), '');
    }
    const engineEvents: Job[][] = [];
    const offEngine = engine.jobs.onAdded((jobs) => engineEvents.push(jobs));
    const wire: ReplyMessage[] = [];
    const offWire = createRouter(engine).subscribe((message) => wire.push(message));
    await engine.jobs.add({
      paths: folders,
      outDir: path.join(dir, 'out'),
      settings: { crf: 30 },
    });
    offEngine();
    offWire();

    expect(engineEvents.map((jobs) => jobs.length)).toEqual([6]);
    const payloads = wire.map((m) =>
      API_EVENTS.jobs.added.parse(m.type === 'event' && m.event === 'added' ? m.payload : null),
    );
    expect(payloads.map((p) => [p.spec.sourceRoot, p.spec.settings, p.jobs.length])).toEqual([
      [folders[0], { crf: 30 }, 3],
      [folders[1], { crf: 30 }, 3],
    ]);
    expect(payloads.flatMap(jobsOf)).toEqual(engineEvents.flat());
  });
});
