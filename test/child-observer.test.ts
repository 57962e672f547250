import { describe, expect, it } from 'vitest';
import { observeChildren, runProgram } from '../native/process/run-program';

// The supervisor hears of each program the worker starts (to sweep it if the worker dies),
// except those that die with the worker anyway: two messages fewer per sandboxed program.

describe('programs reported to the supervisor', () => {
  const run = (diesWithParent: boolean): Promise<unknown> =>
    runProgram({
      program: 'true',
      args: [],
      stallTimeoutMs: 5000,
      signal: new AbortController().signal,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      diesWithParent,
    });

  it('reports a plain program as it starts and ends, and not one that dies with the worker', async () => {
    const seen: boolean[] = [];
    observeChildren((_pid, alive) => seen.push(alive));
    await run(false);
    expect(seen).toEqual([true, false]);
    await run(true);
    expect(seen).toEqual([true, false]);
    observeChildren(() => undefined);
  });
});
