import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, readFixture } from '../../test/fixtures/fixtures';
import { parseVmStat } from '../../app/util/available-memory';
import { AvailableMemory, type MemoryWorker } from './available-memory';
import { defaultConcurrency, memoryPressure } from './scheduler';

const GIB = 1024 ** 3;
const MEMINFO = path.join(FIXTURES_DIR, 'memory', 'linux-6.18.meminfo.txt');

/** A worker that answers with what vm_stat printed on a Mac, or fails. */
function worker(answer: () => Promise<number>): MemoryWorker & { asked: number } {
  const w = {
    asked: 0,
    request: () => {
      w.asked++;
      return answer();
    },
  };
  return w;
}

describe('AvailableMemory', () => {
  it('Linux: MemAvailable from /proc/meminfo, not os.freemem()', async () => {
    const reading = await new AvailableMemory(null, 'linux', MEMINFO).measure();
    expect(reading).toEqual({ bytes: 23_440_648 * 1024, fallback: null });
  });

  it('Linux: falls back to os.freemem() and says why when /proc/meminfo cannot be read', () => {
    const reading = new AvailableMemory(null, 'linux', '/nonexistent/meminfo').read();
    expect(reading.fallback).toMatch(/^\/nonexistent\/meminfo could not be read/);
    expect(reading.bytes).toBeGreaterThan(0);
  });

  it('macOS: asks the worker for vm_stat once a while, not on every read', async () => {
    const bytes = parseVmStat(readFixture('memory/macos-apple-silicon.vm_stat.txt')) ?? 0;
    const mac = worker(() => Promise.resolve(bytes));
    const memory = new AvailableMemory(mac, 'darwin');
    expect(await memory.measure()).toEqual({ bytes, fallback: null });
    for (let i = 0; i < 100; i++) expect(memory.read().bytes).toBe(bytes);
    expect(mac.asked).toBe(1);
  });

  it('macOS: says why when vm_stat fails, and the next read asks again', async () => {
    let fail = true;
    const mac = worker(() =>
      fail ? Promise.reject(new Error('vm_stat timed out')) : Promise.resolve(5 * GIB),
    );
    const memory = new AvailableMemory(mac, 'darwin');
    expect((await memory.measure()).fallback).toBe('vm_stat failed (vm_stat timed out)');
    fail = false;
    expect(await memory.measure()).toEqual({ bytes: 5 * GIB, fallback: null });
  });

  it('Windows: os.freemem() is the OS measure of available memory', () => {
    expect(new AvailableMemory(null, 'win32').read().fallback).toBeNull();
  });
});

describe('scheduler with a Mac that has few free pages but much inactive memory', () => {
  const text = readFixture('memory/macos-apple-silicon.vm_stat.txt');
  const available = { bytes: parseVmStat(text) ?? 0, fallback: null };
  const freePagesOnly = { bytes: 9861 * 16384, fallback: 'vm_stat has not answered yet' };

  it('lets jobs start (free pages alone would hold every job)', () => {
    expect(memoryPressure(available, 16 * GIB)).toBeNull();
    expect(memoryPressure(freePagesOnly, 16 * GIB)).toBe(
      'Memory is low (154 MB available, counted by os.freemem() as vm_stat has not answered yet), so no new job starts until some is freed.',
    );
  });

  it('runs more than one job at once', () => {
    expect(defaultConcurrency(available)).toBe(Math.min(os.availableParallelism(), 3, 8));
  });
});
