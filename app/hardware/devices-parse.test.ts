import { describe, expect, it } from 'vitest';
import {
  devicesFromDrm,
  nvidiaSmiNote,
  parseMacDisplays,
  parseNvidiaSmi,
  parseVainfo,
  parseWindowsVideoControllers,
} from './devices-parse';

/** A small deterministic PRNG (mulberry32), so the garbage is the same on every run. */
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

const next = seeded(4);
const noise = Array.from({ length: 40 }, () =>
  Array.from({ length: Math.floor(next() * 400) }, () =>
    String.fromCharCode(Math.floor(next() * 0x3000)),
  ).join(''),
);
const GARBAGE: unknown[] = [
  '',
  ' \r\n\t',
  '\uFEFF',
  'null',
  '[null]',
  '{"SPDisplaysDataType":[{"_name":42}]}',
  '[{"Name":{"x":1},"PNPDeviceID":7}]',
  'vainfo: Driver version: ',
  'VAProfileH264Main : VAEntrypointVLD',
  ',,,,,,',
  'x'.repeat(200_000),
  null,
  undefined,
  42,
  {},
  ...noise,
];

describe('every parser survives garbage', () => {
  it.each(GARBAGE.map((g, i) => [i, g] as const))('input #%i', (_i, input) => {
    const text = input as string;
    expect(() => parseNvidiaSmi(text)).not.toThrow();
    expect(() => nvidiaSmiNote(text)).not.toThrow();
    expect(() => parseVainfo(text, '/dev/dri/renderD128')).not.toThrow();
    expect(() => parseWindowsVideoControllers(text)).not.toThrow();
    expect(() => parseMacDisplays(text)).not.toThrow();
    expect(() => devicesFromDrm(input as never)).not.toThrow();
    expect(Array.isArray(parseNvidiaSmi(text))).toBe(true);
    expect(
      parseVainfo(text, null).device === null || typeof parseVainfo(text, null).device === 'object',
    ).toBe(true);
  });
});
