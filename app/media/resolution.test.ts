import { describe, expect, it } from 'vitest';
import { framesFromJson, segmentsFromFrames, segmentsFromScan } from './resolution';

// The keyframe scan read from its own CSV run or from the probe's JSON gives the same segments.

const CSV = '0,320,240\n3000,320,240\n\n6000,640,360\n,640,360\n9000,320,240\n';
const JSON_FRAMES = {
  frames: [
    { stream_index: 1, best_effort_timestamp: 0 },
    { stream_index: 0, best_effort_timestamp: 0, width: 320, height: 240 },
    { stream_index: 0, best_effort_timestamp: 3000, width: 320, height: 240 },
    { stream_index: 1, best_effort_timestamp: 1024 },
    {}, // a subtitle stream's entry, as ffprobe writes it
    { stream_index: 0, best_effort_timestamp: 6000, width: 640, height: 360 },
    { stream_index: 0, width: 640, height: 360 },
    { stream_index: 2, best_effort_timestamp: 7000, width: 600, height: 600 },
    { stream_index: 0, best_effort_timestamp: 9000, width: 320, height: 240 },
  ],
};
const TIME_BASE: [number, number] = [1, 3000];

describe('resolution segments', () => {
  it('reads the same segments from the CSV scan and from the JSON frames of one stream', () => {
    const expected = [
      { startPts: 0, startSec: 0, width: 320, height: 240 },
      { startPts: 6000, startSec: 2, width: 640, height: 360 },
      { startPts: 9000, startSec: 3, width: 320, height: 240 },
    ];
    expect(segmentsFromScan(CSV, TIME_BASE)).toEqual(expected);
    expect(segmentsFromFrames(framesFromJson(JSON_FRAMES, 0), TIME_BASE)).toEqual(expected);
  });

  it('finds no frames in JSON without any, or of another shape', () => {
    expect(framesFromJson({ streams: [] }, 0)).toEqual([]);
    expect(framesFromJson({ frames: 'x' }, 0)).toEqual([]);
  });
});
