import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFifo, removeFifoPool } from '../native/fifo-pool';
import { programEnv } from '../platform/env';
import { tempDir } from './helpers/media';

// FIFOs made ahead, many per mkfifo start: one is linked to the path asked for, never over
// an existing file, and the pool of a worker that died without tidying is swept.

describe('the FIFO pool', () => {
  afterAll(() => removeFifoPool());

  it('makes a FIFO at the path, refuses an existing file, and sweeps a dead worker’s pool', async () => {
    const dead = spawnSync('true').pid;
    const stale = path.join(os.tmpdir(), `framewright-fifos-${dead}-stale`);
    mkdirSync(stale);
    writeFileSync(path.join(stale, '0'), '');
    const dir = tempDir();
    const fifo = path.join(dir, 'a.vstats');
    expect(await makeFifo(fifo, programEnv())).toBe(true);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(existsSync(stale)).toBe(false);
    const taken = path.join(dir, 'taken.vstats');
    writeFileSync(taken, 'keep');
    expect(await makeFifo(taken, programEnv())).toBe(false);
    expect(readFileSync(taken, 'utf8')).toBe('keep');
  });
});
