import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { tempDir } from './helpers/media';

// Crafted inputs that point elsewhere: a local file outside the input (a "secret"),
// /etc/passwd, and a local HTTP server. Framewright must read none and request nothing.

let server: Server;
let requests = 0;
let port = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests += 1;
    res.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A valid clip of an unusual size, outside the input's folder. */
function secretClip(): string {
  const dir = tempDir('fw-secret-');
  const file = path.join(dir, 'secret.ts');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=124x46:rate=25:duration=1',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    file,
  ]);
  return file;
}

function crafted(dir: string, secret: string): { playlist: string; mixed: string; concat: string } {
  mkdirSync(dir, { recursive: true });
  const hls = (entries: string[]): string =>
    [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      ...entries.flatMap((e) => ['#EXTINF:1.0,', e]),
      '#EXT-X-ENDLIST',
      '',
    ].join('\n');
  const playlist = path.join(dir, 'playlist.m3u8');
  writeFileSync(playlist, hls([secret]));
  const mixed = path.join(dir, 'mixed.m3u8');
  writeFileSync(mixed, hls([`http://127.0.0.1:${port}/a.ts`, '/etc/passwd', secret]));
  const concat = path.join(dir, 'list.ffconcat');
  writeFileSync(
    concat,
    [
      'ffconcat version 1.0',
      `file '${secret}'`,
      "file '/etc/passwd'",
      `file 'http://127.0.0.1:${port}/b.ts'`,
      '',
    ].join('\n'),
  );
  return { playlist, mixed, concat };
}

describe('sandbox', () => {
  it('doctor reports bubblewrap in use', async () => {
    const result = await runCli(['doctor', '--json']);
    const report = JSON.parse(result.stdout) as {
      sandbox: { kind: string; available: boolean; reason: string };
    };
    expect(report.sandbox).toMatchObject({ kind: 'bubblewrap', available: true });
    expect(report.sandbox.reason).toMatch(/no network/);
  });

  it('plain ffmpeg with the same whitelist would read the secret (so the test can tell)', () => {
    const dir = tempDir();
    const { playlist } = crafted(dir, secretClip());
    const probe = spawnSync(
      'ffprobe',
      [
        '-v',
        'error',
        '-protocol_whitelist',
        'file,pipe',
        '-show_entries',
        'stream=width,height',
        '-of',
        'csv=p=0',
        playlist,
      ],
      { encoding: 'utf8' },
    );
    expect(probe.stdout).toContain('124,46');
  });

  it.each(['playlist', 'mixed', 'concat'] as const)(
    'a crafted %s reads no outside file and sends no request',
    async (kind) => {
      const dir = tempDir();
      const lists = crafted(path.join(dir, 'in'), secretClip());
      const before = requests;
      const out = path.join(dir, 'out');
      const probe = await runCli(['probe', lists[kind], '--json']);
      const convert = await runCli([
        'convert',
        lists[kind],
        '--preset',
        'h264-mp4',
        '--out',
        out,
        '--json',
      ]);
      expect(requests).toBe(before);
      expect(probe.stdout).not.toContain('"width": 124');
      const job = (
        JSON.parse(convert.stdout) as { jobs: { status: string; error: string | null }[] }
      ).jobs[0];
      expect(job?.status).toBe('failed');
      expect(job?.error).toMatch(/\./);
      expect(convert.code).toBe(1);
    },
  );
});
