import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/fixtures/fixtures';
import { parseMeminfo, parseVmStat } from './available-memory';

const KIB = 1024;

describe('parseMeminfo', () => {
  it.each([
    ['memory/linux-6.18.meminfo.txt', 23_440_648 * KIB],
    ['MemTotal:  2048 kB\nMemFree:  100 kB\nMemAvailable:  1536 kB\n', 1536 * KIB],
    // Kernels before 3.14 have no MemAvailable: the caller falls back.
    ['MemTotal:  2048 kB\nMemFree:  100 kB\nBuffers:  10 kB\n', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    const text = input.startsWith('memory/') ? readFixture(input) : input;
    expect(parseMeminfo(text)).toBe(expected);
  });

  it('reads MemAvailable, not MemFree', () => {
    const text = readFixture('memory/linux-6.18.meminfo.txt');
    expect(parseMeminfo(text)).not.toBe(21_663_896 * KIB);
  });
});

describe('parseVmStat', () => {
  it.each([
    // (free 9861 + speculative 3512 + inactive 320150 + purgeable 2781) × 16 KiB
    ['memory/macos-apple-silicon.vm_stat.txt', (9861 + 3512 + 320_150 + 2781) * 16 * KIB],
    // (25384 + 17632 + 1062481 + 61427) × 4 KiB
    ['memory/macos-intel.vm_stat.txt', (25_384 + 17_632 + 1_062_481 + 61_427) * 4 * KIB],
    ['Pages free: 10.\nPages inactive: 5.\n', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    const text = input.startsWith('memory/') ? readFixture(input) : input;
    expect(parseVmStat(text)).toBe(expected);
  });

  it('counts far more than the free pages alone (what os.freemem() reports on macOS)', () => {
    const bytes = parseVmStat(readFixture('memory/macos-apple-silicon.vm_stat.txt')) ?? 0;
    expect(bytes).toBeGreaterThan(30 * 9861 * 16 * KIB);
  });
});
