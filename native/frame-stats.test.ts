import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameStatsBatch } from '../app/jobs/frame-stats';
import { readFixture } from '../test/fixtures/fixtures';
import { tempDir } from '../test/helpers/media';
import { fifoFolder, openFrameStats } from './frame-stats';
import { frameStatsTarget, openNamedPipe } from './frame-stats-transport';

describe('frameStatsTarget', () => {
  it('Windows: a named pipe of its own, no FIFO folder', () => {
    const folder = (): string => {
      throw new Error('Windows has no FIFOs');
    };
    const a = frameStatsTarget('win32', 'vstats-7-0', folder);
    const b = frameStatsTarget('win32', 'vstats-7-0', folder);
    expect(a.kind).toBe('named-pipe');
    expect(a.path).toMatch(/^\\\\\.\\pipe\\framewright-vstats-7-0-[0-9a-f]{16}$/);
    expect(b.path).not.toBe(a.path);
  });

  it.each(['linux', 'darwin', 'freebsd'] as const)('%s: a FIFO in the folder', (platform) => {
    expect(frameStatsTarget(platform, 'vstats-7-0', () => '/tmp/fw')).toEqual({
      kind: 'fifo',
      path: '/tmp/fw/vstats-7-0',
    });
  });
});

describe('openNamedPipe', () => {
  // A Unix socket here stands in for \\.\pipe\…: Node serves both with the same code.
  it('reads what its first writer sends and refuses a second writer', async () => {
    const pipePath = path.join(tempDir(), 'stats.sock');
    const lines = readFixture('vstats/x264-v2.txt').split('\n').slice(0, 3).join('\n') + '\n';
    let text = '';
    let allRead = (): void => undefined;
    const got = new Promise<void>((resolve) => (allRead = resolve));
    const source = await openNamedPipe(pipePath, (chunk) => {
      text += chunk;
      if (text === lines) allRead();
    });
    expect(source?.path).toBe(pipePath);
    const writer = connect(pipePath);
    writer.write(lines.slice(0, 50));
    writer.write(lines.slice(50));
    await got;
    const intruder = connect(pipePath);
    intruder.on('error', () => undefined);
    intruder.write('frame= 99 q= 1.0 f_size= 1 time= 1.0 type= I\n');
    await new Promise((resolve) => intruder.on('close', resolve));
    expect(text).toBe(lines);
    source?.close();
    await new Promise((resolve) => writer.on('close', resolve));
    expect(existsSync(pipePath)).toBe(false);
  });

  it('returns null when it cannot listen', async () => {
    expect(await openNamedPipe('/nonexistent/dir/stats.sock', () => undefined)).toBeNull();
  });
});

describe('openFrameStats with real ffmpeg', () => {
  it('delivers every encoded frame in batches and removes its FIFO', async () => {
    const batches: FrameStatsBatch[] = [];
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const channel = await openFrameStats(0, env, (batch) => batches.push(batch));
    expect(channel).not.toBeNull();
    const args = channel?.args ?? [];
    const fifo = args[1] ?? '';
    expect(path.dirname(fifo)).toBe(fifoFolder());
    const ffmpeg = spawn(
      'ffmpeg',
      [
        ...['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi'],
        ...['-i', 'testsrc2=size=64x48:rate=25:duration=2', '-c:v', 'libx264'],
        ...['-preset', 'ultrafast', '-f', 'null', '-', ...args],
      ],
      { stdio: 'ignore' },
    );
    expect(await new Promise((resolve) => ffmpeg.on('exit', resolve))).toBe(0);
    await channel?.close();
    expect(batches.flatMap((b) => b.frame)).toEqual([...Array(50).keys()]);
    expect(batches.map((b) => b.pictureTypes).join('')).toMatch(/^I/);
    expect(existsSync(fifo)).toBe(false);
  });
});
