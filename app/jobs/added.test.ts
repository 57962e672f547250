import { describe, expect, it } from 'vitest';
import { addedEvents, jobsOf, JobsAddedSchema, newJob } from './added';
import type { Job, JobSpec } from './job';

const spec = (input: string, changes: Partial<JobSpec> = {}): JobSpec => ({
  input,
  presetId: 'h264-mp4',
  outDir: '/out',
  onExists: 'rename',
  resolutionPolicy: 'auto',
  ...changes,
});
const jobs = (count: number, createdAt = 1): Job[] =>
  Array.from({ length: count }, (_, i) => newJob(`id-${i}`, spec(`/in/clip-${i}.mp4`), createdAt));

describe('added events', () => {
  it('a new job is queued with nothing done yet', () => {
    expect(newJob('a', spec('/in/a.mp4'), 5)).toEqual({
      id: 'a',
      spec: spec('/in/a.mp4'),
      status: 'queued',
      createdAt: 5,
      startedAt: null,
      finishedAt: null,
      output: null,
      outputBytes: null,
      progress: null,
      error: null,
      warnings: [],
      attempts: 0,
      log: '',
    });
  });

  it('carries what the jobs share once, then [id, input] per job', () => {
    const events = addedEvents(jobs(3), 1000);
    expect(events).toEqual([
      {
        spec: {
          presetId: 'h264-mp4',
          outDir: '/out',
          onExists: 'rename',
          resolutionPolicy: 'auto',
        },
        createdAt: 1,
        jobs: [
          ['id-0', '/in/clip-0.mp4'],
          ['id-1', '/in/clip-1.mp4'],
          ['id-2', '/in/clip-2.mp4'],
        ],
      },
    ]);
    expect(JobsAddedSchema.parse(events[0])).toEqual(events[0]);
  });

  it.each([
    [0, 1000, []],
    [1, 1000, [1]],
    [1000, 1000, [1000]],
    [2500, 1000, [1000, 1000, 500]],
    [10_000, 1000, Array.from({ length: 10 }, () => 1000)],
  ])('%i jobs in events of at most %i: %j', (count, chunk, sizes) => {
    const all = jobs(count);
    const events = addedEvents(all, chunk);
    expect(events.map((e) => e.jobs.length)).toEqual(sizes);
    expect(events.flatMap(jobsOf)).toEqual(all);
  });

  it('starts a new event where the settings or the creation time change, keeping the order', () => {
    const all = [
      newJob('a', spec('/in/a.mp4'), 1),
      newJob('b', spec('/in/b.mp4', { presetId: 'hevc-mp4' }), 1),
      newJob('c', spec('/in/c.mp4', { presetId: 'hevc-mp4' }), 1),
      newJob('d', spec('/in/d.mp4', { presetId: 'hevc-mp4' }), 2),
      newJob('e', spec('/in/e.mp4', { onExists: 'skip' }), 2),
      newJob('f', spec('/in/f.mp4', { resolutionPolicy: 'fit' }), 2),
      newJob('g', spec('/in/g.mp4', { outDir: '/elsewhere' }), 2),
    ];
    const events = addedEvents(all, 1000);
    expect(events.map((e) => e.jobs.map(([id]) => id))).toEqual([
      ['a'],
      ['b', 'c'],
      ['d'],
      ['e'],
      ['f'],
      ['g'],
    ]);
    expect(events.flatMap(jobsOf)).toEqual(all);
  });

  it('groups by the whole spec: equal settings share an event, another dropped folder starts one', () => {
    const crf = (n: number) => ({ crf: n, trim: { startSec: 1 } });
    const all = [
      newJob('a', spec('/x/a.mp4', { sourceRoot: '/x', settings: crf(20) }), 1),
      newJob('b', spec('/x/b.mp4', { sourceRoot: '/x', settings: crf(20) }), 1),
      newJob('c', spec('/y/c.mp4', { sourceRoot: '/y', settings: crf(20) }), 1),
      newJob('d', spec('/y/d.mp4', { sourceRoot: '/y', settings: crf(30) }), 1),
      newJob('e', spec('/y/e.mp4', { sourceRoot: '/y' }), 1),
    ];
    const events = addedEvents(all, 1000);
    expect(events.map((e) => e.jobs.map(([id]) => id))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
    expect(events.map((e) => e.spec.sourceRoot)).toEqual(['/x', '/y', '/y', '/y']);
    expect(events.flatMap((e) => JobsAddedSchema.parse(e)).flatMap(jobsOf)).toEqual(all);
  });

  it.each([
    ['an unknown key', { extra: 1 }],
    ['a full job instead of a tuple', { jobs: [newJob('a', spec('/in/a.mp4'), 1)] }],
    ['an empty input', { jobs: [['a', '']] }],
    ['an input in the shared spec', { spec: { ...spec('/in/a.mp4') } }],
    ['a bad policy', { spec: { ...addedEvents(jobs(1), 10)[0]?.spec, onExists: 'clobber' } }],
  ])('the schema refuses %s', (_name, change) => {
    const valid = addedEvents(jobs(1), 10)[0];
    expect(JobsAddedSchema.safeParse(valid).success).toBe(true);
    expect(JobsAddedSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
