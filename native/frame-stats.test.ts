import { spawn } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameStatsBatch } from '../app/jobs/frame-stats';
import { readFixture } from '../test/fixtures/fixtures';
import { tempDir } from '../test/helpers/media';
import { openFrameStats } from './frame-stats';
import { openNamedPipe } from './frame-stats-transport';

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
  it('makes the FIFO at the path it is given, delivers every encoded frame in batches and removes it', async () => {
    const batches: FrameStatsBatch[] = [];
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const fifo = path.join(tempDir(), 'vstats-0');
    const channel = await openFrameStats(0, fifo, env, (batch) => batches.push(batch));
    expect(channel).not.toBeNull();
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const args = ['-vstats_file', fifo, '-vstats_version', '2'];
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
