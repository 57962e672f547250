import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../app/api/settings';
import type { Job } from '../app/jobs/job';
import { writeFileAtomic } from '../platform/atomic-file';
import { StateFile } from '../main/engine/persistence';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// Saving the queue on a disk that fills up or a path that cannot take the file: the
// old state stays whole, no temp file is left, and the failure is said once.

const mounted: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of mounted.splice(0)) execFileSync('umount', [dir]);
});

/** A real 64 KiB file system (tmpfs), or the reason there cannot be one here. */
function tinyDisk(): { dir: string } | { reason: string } {
  const dir = tempDir('fw-full-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `a tiny tmpfs could not be mounted (${(error as Error).message.trim()})` };
  }
  mounted.push(dir);
  return { dir };
}

const big = 'x'.repeat(256 * 1024);

describe('writeFileAtomic', () => {
  it('on a full disk throws ENOSPC, keeps the old file and leaves no temp file', async (ctx) => {
    const disk = tinyDisk();
    if ('reason' in disk) return ctx.skip(disk.reason);
    const file = path.join(disk.dir, 'state.json');
    await writeFileAtomic(file, 'old');
    await expect(writeFileAtomic(file, big)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(disk.dir)).toEqual(['state.json']);
  });
});

describe('state saves that fail', () => {
  it('are reported once per run of failures, and the saved state stays whole', async (ctx) => {
    const disk = tinyDisk();
    if ('reason' in disk) return ctx.skip(disk.reason);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let jobs: Job[] = [];
    const state = new StateFile(disk.dir, () => ({ settings: DEFAULT_SETTINGS, jobs, temps: [] }));
    const problems: string[] = [];
    state.failed.on((problem) => problems.push(problem));
    await state.flush();
    const saved = readFileSync(path.join(disk.dir, 'state.json'), 'utf8');

    // Too big for the disk: the same failure twice is one report.
    jobs = [{ big } as unknown as Job];
    await state.flush();
    await state.flush();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^The queue and settings could not be saved to .*state\.json \(ENOSPC\);/,
    );
    expect(logged).toHaveBeenCalledTimes(1);
    expect(readFileSync(path.join(disk.dir, 'state.json'), 'utf8')).toBe(saved);
    expect(readdirSync(disk.dir)).toEqual(['state.json']);

    // A save that works ends the run; the next failure is said again.
    jobs = [];
    await state.flush();
    jobs = [{ big } as unknown as Job];
    await state.flush();
    expect(problems).toHaveLength(2);
  });

  it('reach the engine’s problems instead of vanishing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const stateDir = tempDir();
    // A folder where the file belongs: every save fails at the rename, whoever runs it.
    mkdirSync(path.join(stateDir, 'state.json'));
    const engine = await testEngine({ stateDir });
    await engine.settings.set({ concurrency: 1 });
    await engine.dispose();
    const problem = engine.startupProblems.find((p) => p.includes('could not be saved'));
    expect(problem).toMatch(/state\.json \(EISDIR\); changes since the last save will be lost/);
    expect(logged).toHaveBeenCalledWith(`[framewright] ${problem}`);
    expect(readdirSync(stateDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
