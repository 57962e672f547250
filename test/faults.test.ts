import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../main/engine/engine';
import { runCli } from './helpers/cli';
import { settled, testEngine } from './helpers/engine';
import { makeClip, sha256, tempDir, tempLeftovers } from './helpers/media';
import { eventually, processesMentioning } from './helpers/processes';

// The fault matrix (issue 6): every case leaves sources byte-identical, no partial
// output, no process, and a sentence for the person.

/** Mounts a small tmpfs (root only); returns null where mounting is not allowed. */
function smallDisk(options: string): string | null {
  const dir = tempDir('fw-disk-');
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return result.status === 0 ? dir : null;
}
const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', ['-l', dir]);
});
const probeDisk = smallDisk('size=64k');
const canMount = probeDisk !== null;
if (probeDisk !== null) spawnSync('umount', ['-l', probeDisk]);

type Summary = { jobs: { status: string; error: string | null }[] };

describe.skipIf(!canMount)('disks', () => {
  it('a disk that fills: failed with a sentence, nothing left on the disk, source intact', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'big.mkv'), {
      seconds: 4,
      size: '640x480',
      audio: false,
      codec: ['-c:v', 'mpeg4', '-q:v', '2'],
    });
    const before = sha256(clip);
    const disk = smallDisk('size=512k');
    expect(disk).not.toBeNull();
    mounted.push(disk ?? '');
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'remux-mkv',
      '--out',
      disk ?? '',
      '--json',
    ]);
    expect(result.code).toBe(1);
    const job = (JSON.parse(result.stdout) as Summary).jobs[0];
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/disk is full|No space left/);
    expect(readdirSync(disk ?? '')).toEqual([]);
    expect(sha256(clip)).toBe(before);
    expect(processesMentioning(dir)).toEqual([]);
  });

  it('a read-only output folder: failed with a sentence before any work', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'a.mp4'));
    const disk = smallDisk('ro,size=64k');
    mounted.push(disk ?? '');
    const result = await runCli([
      'convert',
      clip,
      '--preset',
      'h264-mp4',
      '--out',
      disk ?? '',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Summary).jobs[0]?.error).toMatch(
      /cannot write to the output folder/,
    );
  });
});

describe('queue faults', () => {
  let engine: Engine | null = null;
  afterEach(async () => {
    await engine?.dispose();
    engine = null;
  });

  it('a file deleted while queued fails with a sentence; the others convert', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    engine = await testEngine();
    const gone = makeClip(path.join(dir, 'gone.mp4'));
    const kept = makeClip(path.join(dir, 'kept.mp4'));
    const { ids } = await engine.jobs.add({ paths: [gone, kept], outDir: out });
    unlinkSync(gone);
    await engine.jobs.start();
    const jobs = await settled(engine, ids);
    expect(jobs.map((j) => j.status)).toEqual(['failed', 'done']);
    expect(jobs[0]?.error).toMatch(/does not exist or cannot be read/);
    expect(tempLeftovers(out)).toEqual([]);
    expect(await eventually(() => processesMentioning(dir).length === 0)).toBe(true);
  });

  it('a 10,000-file folder drop queues every file without starting a program per file', async () => {
    const dir = tempDir();
    const folder = path.join(dir, 'many');
    mkdirSync(folder);
    for (let i = 0; i < 10_000; i++)
      writeFileSync(path.join(folder, `clip${String(i).padStart(5, '0')}.mp4`), '');
    engine = await testEngine();
    const { ids, skipped } = await engine.jobs.add({
      paths: [folder],
      outDir: path.join(dir, 'out'),
    });
    expect(ids).toHaveLength(10_000);
    expect(skipped).toEqual([]);
    expect(processesMentioning(folder)).toEqual([]);
    expect(await engine.jobs.list()).toHaveLength(10_000);
    await engine.jobs.remove({ ids: ids });
    expect(await engine.jobs.list()).toEqual([]);
  });
});

describe('corrupt inputs', () => {
  it('a truncated file fails with a sentence and leaves nothing', async () => {
    const dir = tempDir();
    const clip = makeClip(path.join(dir, 'whole.mp4'), { seconds: 2 });
    const cut = path.join(dir, 'cut.mp4');
    writeFileSync(cut, readFileSync(clip).subarray(0, 20_000));
    const before = sha256(cut);
    const out = path.join(dir, 'out');
    const result = await runCli(['convert', cut, '--preset', 'h264-mp4', '--out', out, '--json']);
    const job = (JSON.parse(result.stdout) as Summary).jobs[0];
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/damaged|could not be read|failed/);
    expect(sha256(cut)).toBe(before);
    expect(tempLeftovers(out)).toEqual([]);
  });
});
