import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeProcessLog,
  openProcessLog,
  processLog,
  processLogFile,
} from '../main/log/process-log';
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

  it('logs nowhere, silently, before a host opens it', () => {
    expect(processLogFile()).toBeNull();
    expect(() => processLog().info('dropped')).not.toThrow();
  });
});
