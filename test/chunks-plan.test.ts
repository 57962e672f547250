import { describe, expect, it } from 'vitest';
import { chunkParts } from '../app/ffmpeg/chunk-plan';
import { buildPlanFor } from '../app/ffmpeg/resolution-plan';
import type { JobSettings } from '../app/jobs/settings';
import type { MediaInfo } from '../app/media/model';
import type { ResolutionScan } from '../app/media/resolution';
import type { Preset } from '../app/presets/schema';
import { loadBuiltInPresets, mediaInfoFrom } from './fixtures/fixtures';

// Where chunks split, and which jobs stay one pass (and say why), without running ffmpeg.

const SECOND = 12800;
/** A 3 s H.264 source (time base 1/12800) with a keyframe every `every` seconds. */
function source(every: number | null): MediaInfo {
  const info = mediaInfoFrom('h264-aac2-movtext.mp4.json', '/in/x.mp4');
  const cuts = every === null ? undefined : [0, 1, 2].filter((s) => s % every === 0);
  const scan: ResolutionScan = {
    streamIndex: 0,
    method: 'keyframes',
    timeBase: [1, SECOND],
    segments: [{ startPts: 0, startSec: 0, width: 320, height: 240 }],
    ...(cuts === undefined ? {} : { cuts: cuts.map((s) => s * SECOND) }),
  };
  return { ...info, resolution: scan };
}

const presets = loadBuiltInPresets();
const preset = (id: string): Preset => {
  const found = presets.find((p) => p.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};

function plan(info: MediaInfo, id: string, settings: JobSettings) {
  return buildPlanFor({
    preset: preset(id),
    info,
    output: '/out/.x.part.mp4',
    workDir: '/out/.x.part.mp4.parts',
    hardware: null,
    policy: 'auto',
    settings,
  });
}

describe('chunk plan', () => {
  it('starts chunks at the keyframes nearest equal shares, never a sliver', () => {
    const scan = { ...source(1).resolution, cuts: [0, 0.9, 1.1, 2, 2.9].map((s) => s * SECOND) };
    const starts = (count: number) =>
      chunkParts(scan as ResolutionScan, count, 3).map((p) => p.startSec);
    expect(starts(3)).toEqual([0, 0.9, 2]);
    expect(starts(2)).toEqual([0, 1.1]);
    // Six shares of 0.5 s: fewer chunks, as the keyframes allow; 2.9 is too close to the end.
    expect(starts(6)).toEqual([0, 0.9, 1.1, 2]);
    expect(starts(20)).toEqual([0, 0.9, 1.1, 2, 2.9]);
  });

  it('encodes N chunks and one join, and records the count', () => {
    const chunked = plan(source(1), 'h264-mp4', { chunks: 3 });
    expect(chunked.chunks).toBe(3);
    expect(chunked.steps.map((s) => s.group)).toEqual([0, 0, 0, 1]);
    expect(chunked.files[0]?.content).toBe(
      "ffconcat version 1.0\nfile 'chunk-0000.ts'\nduration 1.000000\nfile 'chunk-0001.ts'\nduration 1.000000\nfile 'chunk-0002.ts'\n",
    );
    expect(plan(source(1), 'h264-mp4', { chunks: 'off' }).steps).toHaveLength(1);
    // `auto` is decided on the host; the planner alone keeps one pass.
    expect(plan(source(1), 'h264-mp4', { chunks: 'auto' }).steps).toHaveLength(1);
  });

  it.each([
    ['a trim', 'h264-mp4', { trim: { startSec: 1 } }, 'Chunks select frames by source timestamps'],
    ['copied video', 'remux-mkv', {}, 'Chunks apply only to video that is encoded'],
    ['no keyframe list', 'h264-mp4', {}, "The source's keyframes are not known"],
    ['one keyframe', 'h264-mp4', {}, 'too few keyframes'],
  ] as const)('%s: one pass, and the job says why', (name, id, settings, why) => {
    const every = name === 'no keyframe list' ? null : name === 'one keyframe' ? 3 : 1;
    const built = plan(source(every), id, { ...settings, chunks: 2 });
    expect(built.steps).toHaveLength(1);
    expect(built.chunks).toBeUndefined();
    expect(built.warnings.join(' ')).toContain(why);
  });
});
