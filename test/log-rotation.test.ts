import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeProcessLog,
  openProcessLog,
  processLog,
  processLogFile,
} from '../main/log/process-log';
import { WorkerCrashedError, WorkerSupervisor } from '../main/engine/supervisor';
import { tempDir } from './helpers/media';

afterEach(() => closeProcessLog());

describe('the process log', () => {
  it('rotates at its size limit and keeps a bounded number of files', async () => {
    const dir = tempDir('fw-log-');
    const file = openProcessLog('host', dir, { size: '2K', keep: 2 });
    expect(file).toBe(path.join(dir, 'host.log'));
    expect(processLogFile()).toBe(file);
    // About 20 KiB in 200 lines: ten times the limit.
    for (let n = 0; n < 200; n++)
      processLog().info({ job: `job-${n}`, filler: 'x'.repeat(40) }, `line ${n}`);
    await closeProcessLog();

    const files = readdirSync(dir).sort();
    expect(files).toEqual(['host.log', 'host.log.1', 'host.log.2']);
    const kept = files.flatMap((name) =>
      readFileSync(path.join(dir, name), 'utf8').trim().split('\n'),
    );
    // Old lines are gone, the newest is in the live file, each file stays near the limit.
    expect(kept.length).toBeLessThan(200);
    const live = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(live.at(-1) ?? '')).toMatchObject({
      msg: 'line 199',
      job: 'job-199',
      kind: 'host',
    });
    for (const name of files)
      expect(readFileSync(path.join(dir, name)).length).toBeLessThan(2048 + 200);
  });

  it('records a worker restart with its reason', async () => {
    const dir = tempDir('fw-log-');
    const file = openProcessLog('worker', dir);
    // A worker that dies by a signal while a request is pending (no process needed).
    let died: ((code: number | null, signal: string | null) => void) | undefined;
    const supervisor = new WorkerSupervisor(() => ({
      pid: 4242,
      send: () => undefined,
      onMessage: () => undefined,
      onExit: (listener) => (died = listener),
      kill: () => undefined,
    }));
    const pending = supervisor.request('probe', {
      path: '/x.mp4',
      timeoutMs: 1000,
      scanResolution: false,
    });
    died?.(null, 'SIGKILL');
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashedError);
    await closeProcessLog();
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; restarts?: number; end?: string });
    expect(lines.map((line) => line.msg)).toEqual([
      'probe started',
      'probe failed: The conversion worker stopped unexpectedly (SIGKILL).',
      'worker restarted: The conversion worker stopped unexpectedly (SIGKILL).',
    ]);
    expect(lines[1]?.end).toBe('worker-crashed');
    expect(lines[2]?.restarts).toBe(1);
  });

  it('logs nowhere, silently, before a host opens it', () => {
    expect(processLogFile()).toBeNull();
    expect(() => processLog().info('dropped')).not.toThrow();
  });
});
