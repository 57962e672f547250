import { describe, expect, it } from 'vitest';
import type { MediaInfo, ProbeStream } from '../media/model';
import { formatClock } from '../util/clock';
import { findShortfall, shortfallMessage, type Produced } from './completeness';
import type { Step } from './plan';

const video = (duration?: number, frames?: number): ProbeStream => ({
  index: 0,
  codec_type: 'video',
  ...(duration === undefined ? {} : { duration: String(duration) }),
  ...(frames === undefined ? {} : { nb_frames: String(frames) }),
});
const audio = (duration?: number): ProbeStream => ({
  index: 1,
  codec_type: 'audio',
  ...(duration === undefined ? {} : { duration: String(duration) }),
});

function info(durationSec: number | null, streams: ProbeStream[]): MediaInfo {
  return {
    path: '/in/a.mp4',
    sizeBytes: 1,
    durationSec,
    format: {},
    streams,
    chapters: [],
    programs: [],
  };
}

function step(durationSec: number | null, changes: Partial<Step> = {}): Step {
  return {
    label: 'Convert',
    program: 'ffmpeg',
    args: [],
    durationSec,
    weight: 1,
    outputs: [],
    expectedFrames: null,
    sourceSize: null,
    timeOffsetSec: 0,
    access: { reads: [], writes: [] },
    group: 0,
    ...changes,
  };
}

const made = (outTimeSec: number, frames: number): Produced => ({ outTimeSec, frames });
const clip = info(4, [video(4, 100), audio(4)]);

describe('findShortfall', () => {
  it.each([
    ['a complete run', clip, [step(4)], [made(4, 100)], false, null],
    ['half of a faststart MP4', clip, [step(4)], [made(2.04, 51)], false, [2.04, 4]],
    [
      '1 s short of 10 s (within 1 s)',
      info(10, [video(10)]),
      [step(10)],
      [made(9, 250)],
      false,
      null,
    ],
    ['1.2 s short of 10 s', info(10, [video(10)]), [step(10)], [made(8.8, 220)], false, [8.8, 10]],
    ['1.9 s short of 100 s (within 2%)', info(100, []), [step(100)], [made(98.1, 0)], false, null],
    ['2.5 s short of 100 s', info(100, []), [step(100)], [made(97.5, 0)], false, [97.5, 100]],
    ['an unknown declared length', info(null, [video()]), [step(null)], [made(1, 25)], false, null],
    ['a step that reported nothing', clip, [step(4)], [null], false, null],
    ['video cut while the audio went on', clip, [step(4)], [made(4, 50)], false, [2, 4]],
    ['a trim of 2 s from a 4 s source', clip, [step(2)], [made(2, 50)], false, null],
    [
      'audio-only from a longer video',
      info(10, [video(10), audio(8)]),
      [step(10)],
      [made(8, 0)],
      true,
      null,
    ],
    ['audio-only cut short', info(8, [audio(8)]), [step(8)], [made(4, 0)], true, [4, 8]],
    [
      'audio-only with the length from the stream',
      info(null, [audio(8)]),
      [step(null)],
      [made(4, 0)],
      true,
      [4, 8],
    ],
  ] as const)('%s', (_name, source, steps, produced, audioOnly, expected) => {
    const found = findShortfall({ info: source, steps, produced, audioOnly });
    expect(found && [found.convertedSec, found.declaredSec]).toEqual(expected);
  });

  // A reinit plan: segments keep source timestamps (offset 1.4 s) and count frames; a join writes the file.
  const segmented = [
    step(1, { expectedFrames: 25, timeOffsetSec: 1.4 }),
    step(2, { expectedFrames: 50, timeOffsetSec: 1.4 }),
    step(3, { group: 1 }),
  ];
  const source = info(3, [video(3, 75), audio(3)]);

  it('a complete segmented plan is not short', () => {
    const produced = [made(2.4, 25), made(4.4, 50), made(3, 75)];
    expect(findShortfall({ info: source, steps: segmented, produced, audioOnly: false })).toBe(
      null,
    );
  });

  it('a segmented plan sums its segments: frames short even when the join looks whole', () => {
    const produced = [made(2.4, 25), made(2.6, 5), made(3, 30)];
    expect(findShortfall({ info: source, steps: segmented, produced, audioOnly: false })).toEqual({
      convertedSec: 1.2,
      declaredSec: 3,
    });
  });

  it('a segmented plan whose join ends early is short', () => {
    const produced = [made(2.4, 25), made(4.4, 50), made(1.5, 75)];
    expect(
      findShortfall({ info: source, steps: segmented, produced, audioOnly: false }),
    ).toMatchObject({ convertedSec: 1.5 });
  });
});

describe('shortfallMessage', () => {
  it('says how much of the declared length was converted, as a clock', () => {
    expect(shortfallMessage({ convertedSec: 2.04, declaredSec: 4 })).toBe(
      'The source is incomplete: converted 0:02 of 0:04.',
    );
    expect(shortfallMessage({ convertedSec: 1830, declaredSec: 3725 })).toBe(
      'The source is incomplete: converted 30:30 of 1:02:05.',
    );
  });

  it('formats clocks once for every caller', () => {
    expect([formatClock(75), formatClock(3725), formatClock(-3)]).toEqual([
      '1:15',
      '1:02:05',
      '0:00',
    ]);
  });
});
