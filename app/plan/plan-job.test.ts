import { assert, describe, expect, it } from 'vitest';
import { loadBuiltInPresets, mediaInfoFrom } from '../../test/fixtures/fixtures';
import type { MediaInfo } from '../media/model';
import type { Preset } from '../presets/schema';
import { FFMPEG_PREFIX } from '../ffmpeg/safety';
import { planJob, type PlanJobInput } from './plan-job';

const presets = new Map(loadBuiltInPresets().map((p) => [p.id, p]));
const preset = (id: string): Preset => presets.get(id) ?? assert.fail(`no preset ${id}`);
const plain = mediaInfoFrom('h264-aac2-movtext.mp4.json', '/in/x.mp4');
/** The same file, its picture size changing once after two seconds. */
const sizes: MediaInfo = {
  ...plain,
  resolution: {
    streamIndex: 0,
    method: 'keyframes',
    timeBase: [1, 90000],
    segments: [
      { startPts: 0, startSec: 0, width: 320, height: 240 },
      { startPts: 180000, startSec: 2, width: 640, height: 360 },
    ],
  },
};
const input = (changes: Partial<PlanJobInput>): PlanJobInput => ({
  info: plain,
  preset: preset('h264-mp4'),
  hardware: null,
  policy: 'auto',
  output: { final: '/out/x.mp4', temp: '/out/.x.framewright-0123abcd.part.mp4' },
  stats: 'fifo',
  ...changes,
});

describe('planJob', () => {
  it('names a FIFO beside the temporary output, right after the safety prefix', () => {
    const plan = planJob(input({}));
    const [step] = plan.steps;
    // In a folder that exists, so a printed command runs as is.
    const fifo = '/out/.x.framewright-0123abcd.part.mp4.vstats-0';
    expect(step?.args.slice(0, FFMPEG_PREFIX.length + 4)).toEqual([
      ...FFMPEG_PREFIX,
      ...['-vstats_file', fifo, '-vstats_version', '2'],
    ]);
    expect(step?.statsPipe).toBe(fifo);
    expect(step?.access.writes).toEqual(['/out']);
    expect(plan.workDirs).toEqual([]);
  });

  it('gives Windows a named pipe of its own, and no work folder for it', () => {
    const plan = planJob(
      input({
        stats: 'named-pipe',
        output: { final: 'C:\\out\\x.mp4', temp: 'C:\\out\\.x.framewright-0123abcd.part.mp4' },
      }),
    );
    expect(plan.steps[0]?.statsPipe).toBe(
      '\\\\.\\pipe\\framewright-.x.framewright-0123abcd.part.mp4-vstats-0',
    );
    expect(plan.steps[0]?.access.writes).toEqual(['C:\\out']);
    expect(plan.workDirs).toEqual([]);
  });

  it('adds statistics only to steps that encode video', () => {
    expect(planJob(input({ preset: preset('remux-mkv') })).steps[0]?.statsPipe).toBeUndefined();
    expect(planJob(input({ preset: preset('mp3') })).steps[0]?.args).not.toContain('-vstats_file');
    expect(planJob(input({ stats: null })).steps[0]?.args).not.toContain('-vstats_file');
    const reinit = planJob(input({ info: sizes, preset: preset('hevc-mkv') }));
    expect(reinit.steps.map((s) => s.statsPipe?.split('.').at(-1))).toEqual([
      'vstats-0',
      'vstats-1',
      undefined,
    ]);
  });
});
