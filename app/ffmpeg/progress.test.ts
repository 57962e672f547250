import { describe, expect, it } from 'vitest';
import { PROGRESS_FIXTURES, readFixture } from '../../test/fixtures/fixtures';
import {
  estimateEta,
  overallPercent,
  ProgressParser,
  toProgressBlock,
  type ProgressBlock,
} from './progress';

// Recorded with ffmpeg 5.1 by test/fixtures/record.sh (-progress pipe:1 -stats_period 0.25).
const recorded = (name: string): string => readFixture(`progress/${name}`);

/** A small deterministic PRNG (mulberry32), so "random" chunking is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function feed(chunks: readonly string[]): ProgressBlock[] {
  const parser = new ProgressParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

function randomChunks(text: string, seed: number, maxSize: number): string[] {
  const next = seeded(seed);
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(next() * maxSize);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/**
 * An independent reading of the same text: split into blocks at each `progress=` line and
 * take each key's value with a regex. The parser must agree with it.
 */
function oracle(text: string): ProgressBlock[] {
  const blocks = text.split(/^progress=.*$/m).slice(0, -1);
  const ends = [...text.matchAll(/^progress=(.*)$/gm)].map((m) => m[1]);
  return blocks.map((block, i) => {
    const get = (key: string): string | undefined =>
      new RegExp(`^${key}=\\s*(.*)$`, 'm').exec(block)?.[1];
    const speed = get('speed');
    return {
      frame: Number(get('frame') ?? 0),
      fps: Number(get('fps') ?? 0),
      outTimeSec: Number(get('out_time_us')) / 1e6,
      totalSizeBytes: get('total_size') === 'N/A' ? 0 : Number(get('total_size') ?? 0),
      speed: speed === undefined || speed === 'N/A' ? null : Number(speed.replace(/x$/, '')),
      end: ends[i] === 'end',
    };
  });
}

describe('ProgressParser on recorded ffmpeg 5.1 output', () => {
  describe.each(PROGRESS_FIXTURES)('%s', (name) => {
    const text = recorded(name);
    const whole = feed([text]);

    it('finds one block per progress= line, matching an independent reading', () => {
      expect(whole.length).toBe(text.match(/^progress=/gm)?.length);
      // At least a first report and a final one (a fast machine may print no more).
      expect(whole.length).toBeGreaterThanOrEqual(2);
      expect(whole).toEqual(oracle(text));
    });

    it('gives the same blocks when fed one byte at a time', () => {
      expect(feed([...text])).toEqual(whole);
    });

    it.each([1, 2, 3, 42, 2024])(
      'gives the same blocks for random-size chunks (seed %i)',
      (seed) => {
        expect(feed(randomChunks(text, seed, 64))).toEqual(whole);
      },
    );

    it('gives the same blocks with CRLF line ends (Windows pipes)', () => {
      expect(feed(randomChunks(text.replace(/\n/g, '\r\n'), 7, 32))).toEqual(whole);
    });

    it('marks only the last block end=true', () => {
      expect(whole.at(-1)?.end).toBe(true);
      expect(whole.slice(0, -1).every((b) => !b.end)).toBe(true);
    });

    it('never goes backwards in out_time and never reports negative numbers', () => {
      for (const [i, block] of whole.entries()) {
        expect(block.frame).toBeGreaterThanOrEqual(0);
        expect(block.fps).toBeGreaterThanOrEqual(0);
        expect(block.totalSizeBytes).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(block.outTimeSec).toBeGreaterThanOrEqual(whole[i - 1]?.outTimeSec ?? 0);
      }
    });

    it('returns nothing for an unfinished block, and finishes it when the rest arrives', () => {
      const cut = text.lastIndexOf('progress=end');
      const parser = new ProgressParser();
      expect(parser.push(text.slice(0, cut + 'progress=e'.length))).toEqual(whole.slice(0, -1));
      expect(parser.push(text.slice(cut + 'progress=e'.length))).toEqual(whole.slice(-1));
    });
  });

  it('reads the H.264 encode: 200 frames of an 8 s clip, sizes and speed as printed', () => {
    const blocks = feed([recorded('x264-720p.txt')]);
    const first = blocks[0];
    const last = blocks.at(-1);
    // The first report comes before anything is muxed: speed=N/A, out_time 0.
    expect(first).toMatchObject({ frame: 1, outTimeSec: 0, speed: null, end: false });
    expect(last?.frame).toBe(200);
    expect(last?.outTimeSec).toBeGreaterThan(7.5);
    expect(last?.outTimeSec).toBeLessThanOrEqual(8);
    expect(last?.totalSizeBytes).toBeGreaterThan(100_000);
    // "speed= 3.3x" is padded with spaces in real output.
    expect(recorded('x264-720p.txt')).toMatch(/^speed= +\d/m);
    expect(blocks.every((b) => b.speed === null || b.speed >= 0)).toBe(true);
    expect(last?.speed).toBeGreaterThan(0);
  });

  it('reads audio-only output, which has no frame= or fps= keys', () => {
    const text = recorded('audio-mp3.txt');
    expect(text).not.toMatch(/^frame=/m);
    const blocks = feed([text]);
    expect(blocks.every((b) => b.frame === 0 && b.fps === 0)).toBe(true);
    expect(blocks.at(-1)?.outTimeSec).toBeCloseTo(3, 1);
    expect(blocks.at(-1)?.totalSizeBytes).toBeGreaterThan(blocks[1]?.totalSizeBytes ?? Infinity);
  });

  it('reads a slow start: speed N/A then "0x", out_time 0 while frames go in', () => {
    const blocks = feed([recorded('x265-slow-start.txt')]);
    expect(blocks[0]?.speed).toBeNull();
    expect(blocks[1]?.speed).toBe(0);
    const stillZero = blocks.filter((b) => b.outTimeSec === 0);
    expect(stillZero.length).toBeGreaterThanOrEqual(3);
    expect(stillZero.at(-1)?.frame).toBeGreaterThan(1);
    expect(blocks.at(-1)).toMatchObject({ frame: 75, end: true });
  });
});

describe('toProgressBlock', () => {
  const block = (entries: Record<string, string>): ProgressBlock =>
    toProgressBlock(new Map(Object.entries(entries)));

  it.each<[string, Record<string, string>, Partial<ProgressBlock>]>([
    ['out_time_ms is microseconds', { out_time_ms: '2500000' }, { outTimeSec: 2.5 }],
    [
      'out_time_us wins over out_time_ms',
      { out_time_us: '1000000', out_time_ms: '9000000' },
      { outTimeSec: 1 },
    ],
    [
      'N/A out_time is 0',
      { out_time_us: 'N/A', out_time_ms: 'N/A', out_time: 'N/A' },
      { outTimeSec: 0 },
    ],
    ['a negative out_time (pre-roll) is 0', { out_time_us: '-7000' }, { outTimeSec: 0 }],
    ['speed N/A is null', { speed: 'N/A' }, { speed: null }],
    ['padded speed', { speed: '   0x' }, { speed: 0 }],
    ['speed with x', { speed: '1.38x' }, { speed: 1.38 }],
    ['total_size N/A is 0', { total_size: 'N/A' }, { totalSizeBytes: 0 }],
    ['frame and fps', { frame: '104', fps: '102.11' }, { frame: 104, fps: 102.11 }],
    ['progress=end', { progress: 'end' }, { end: true }],
    ['progress=continue', { progress: 'continue' }, { end: false }],
    [
      'nothing known',
      {},
      { frame: 0, fps: 0, outTimeSec: 0, totalSizeBytes: 0, speed: null, end: false },
    ],
  ])('%s', (_name, fields, expected) => {
    expect(block(fields)).toMatchObject(expected);
  });
});

describe('overallPercent', () => {
  it.each<[string, { weight: number }[], number, number | null, number | null]>([
    ['one step, half way', [{ weight: 1 }], 0, 0.5, 50],
    ['one step, start', [{ weight: 1 }], 0, 0, 0],
    ['one step, done', [{ weight: 1 }], 0, 1, 100],
    ['unknown duration', [{ weight: 1 }], 0, null, null],
    ['fraction above 1 is clamped', [{ weight: 1 }], 0, 1.7, 100],
    ['negative fraction is clamped', [{ weight: 1 }], 0, -0.2, 0],
    ['second of two equal steps, start', [{ weight: 1 }, { weight: 1 }], 1, 0, 50],
    ['weighted: first step (1 of 4) done', [{ weight: 1 }, { weight: 3 }], 0, 1, 25],
    ['weighted: second step half way', [{ weight: 1 }, { weight: 3 }], 1, 0.5, 62.5],
    [
      'scan, 3 segments, join',
      [{ weight: 0.5 }, { weight: 3 }, { weight: 3 }, { weight: 3 }, { weight: 0.5 }],
      4,
      0.5,
      97.5,
    ],
  ])('%s', (_name, steps, index, fraction, expected) => {
    const percent = overallPercent(steps, index, fraction);
    if (expected === null) expect(percent).toBeNull();
    else expect(percent).toBeCloseTo(expected, 10);
  });

  it('follows a recorded encode from 0 to nearly 100, never backwards, across two weighted steps', () => {
    const steps = [{ weight: 1 }, { weight: 3 }];
    const percents: number[] = [];
    for (const [index, name, duration] of [
      [0, 'audio-mp3.txt', 3],
      [1, 'x264-720p.txt', 8],
    ] as const) {
      for (const block of feed([recorded(name)])) {
        const percent = overallPercent(steps, index, block.outTimeSec / duration);
        expect(percent).not.toBeNull();
        percents.push(percent ?? -1);
      }
    }
    expect(percents[0]).toBe(0);
    expect(percents.every((p, i) => i === 0 || p >= (percents[i - 1] ?? 0))).toBe(true);
    const firstStep = feed([recorded('audio-mp3.txt')]).length;
    expect(Math.max(...percents.slice(0, firstStep))).toBeLessThanOrEqual(25);
    expect(percents[firstStep]).toBeGreaterThanOrEqual(25);
    expect(percents.at(-1)).toBeGreaterThan(95);
    expect(percents.at(-1)).toBeLessThanOrEqual(100);
  });
});

describe('estimateEta', () => {
  it.each<[string, number, number | null, number | null]>([
    ['unknown percent', 10, null, null],
    ['nothing done yet', 10, 0, null],
    ['too little done', 10, 0.5, null],
    ['too early', 0.4, 50, null],
    ['half way after 10 s', 10, 50, 10],
    ['three quarters after 30 s', 30, 75, 10],
    ['finished', 5, 100, 0],
    ['a percent above 100 never gives a negative ETA', 5, 120, 0],
  ])('%s', (_name, elapsed, percent, expected) => {
    const eta = estimateEta(elapsed, percent);
    if (expected === null) expect(eta).toBeNull();
    else expect(eta).toBeCloseTo(expected, 10);
  });

  it('is null while a recorded slow start has produced no output yet', () => {
    const blocks = feed([recorded('x265-slow-start.txt')]);
    // -re input: one block per 0.25 s of wall time.
    const etas = blocks.map((b, i) =>
      estimateEta(i * 0.25, overallPercent([{ weight: 1 }], 0, b.outTimeSec / 3)),
    );
    expect(etas.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(etas.at(-2)).toBeGreaterThan(0);
    expect(etas.at(-1)).toBeGreaterThanOrEqual(0);
  });
});
