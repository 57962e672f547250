import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PreviewRequest, PreviewResult, ReplyMessage } from '../app/api/contract';
import type { MediaInfo } from '../app/media/model';
import type { Preset } from '../app/presets/schema';
import type { Engine } from '../main/engine/engine';
import { PreviewService } from '../main/engine/preview';
import { WorkerSupervisor } from '../main/engine/supervisor';
import { forkLauncher } from '../main/engine/worker-port';
import { startServer, type RunningServer } from '../main/server';
import { root } from './helpers/cli';
import { testEngine } from './helpers/engine';
import { makeClip, tempDir } from './helpers/media';
import { eventually, processesMentioning } from './helpers/processes';

// The preview service beside a real worker: cancel stops every ffmpeg and leaves no file,
// old previews go, dispose removes them all; and the web host serves a preview's files
// only by their fixed names, with the token, and in ranges for <video>.

const dir = tempDir('fw-preview-service-');
const previews = path.join(dir, 'previews');
let supervisor: WorkerSupervisor;
let service: PreviewService;
let engine: Engine;
let preset: Preset;
let short: MediaInfo;

const probe = (file: string): Promise<MediaInfo> =>
  supervisor.request('probe', { path: file, timeoutMs: 30_000, scanResolution: false });

const make = (request: PreviewRequest, info = short): Promise<PreviewResult> =>
  service.make({ request, info, preset, settings: {}, analysis: null, hardware: null });

/** A quick preview: one pair and a 1 s clip. */
const quick = (requestId: string): PreviewRequest => ({
  requestId,
  jobId: 'job',
  at: [0.5],
  clipSec: 1,
});

beforeAll(async () => {
  supervisor = new WorkerSupervisor(forkLauncher(path.join(root, 'dist/worker.js')));
  service = new PreviewService({ supervisor, folder: previews, stallTimeoutMs: () => 30_000 });
  engine = await testEngine({ cacheDir: path.join(dir, 'cache') });
  preset = engine.presetStore.require('h264-mp4');
  short = await probe(makeClip(path.join(dir, 'short.mp4'), { seconds: 2 }));
});

afterAll(async () => {
  await service.dispose();
  await supervisor.stop();
  await engine.dispose();
});

describe('PreviewService', () => {
  it('cancel stops every ffmpeg of the request and removes its folder', async () => {
    const long = await probe(
      makeClip(path.join(dir, 'long.mkv'), {
        seconds: 20,
        size: '640x360',
        codec: ['-c:v', 'mpeg4', '-q:v', '5'],
      }),
    );
    const folder = path.join(previews, 'to-cancel');
    const running = make({ requestId: 'to-cancel', jobId: 'job', clipSec: 20 }, long);
    expect(await eventually(() => processesMentioning(folder).length > 0, 20_000)).toBe(true);
    service.cancel('to-cancel');
    await expect(running).rejects.toThrow('Cancelled.');
    expect(processesMentioning(folder)).toEqual([]);
    expect(existsSync(folder)).toBe(false);
  });

  it('keeps the last 4 requests, and dispose removes every preview', async () => {
    const ids = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'];
    for (const id of ids) await make(quick(id));
    expect(readdirSync(previews).sort()).toEqual(ids.slice(1));
    expect(readdirSync(path.join(previews, 'p-5')).sort()).toEqual([
      'after-0.5.png',
      'before-0.5.png',
      'clip.mp4',
    ]);
    const other = new PreviewService({
      supervisor,
      folder: path.join(dir, 'other'),
      stallTimeoutMs: () => 30_000,
    });
    await other.make({
      request: quick('x'),
      info: short,
      preset,
      settings: {},
      analysis: null,
      hardware: null,
    });
    await other.dispose();
    expect(existsSync(path.join(dir, 'other'))).toBe(false);
  });
});

describe('the web host serves preview files', () => {
  const token = 'preview-token';
  let server: RunningServer;
  let result: PreviewResult;

  beforeAll(async () => {
    // The web host reads only what lies in its spool folder.
    mkdirSync(path.join(dir, 'spool'));
    const film = makeClip(path.join(dir, 'spool', 'film.mp4'), { seconds: 2 });
    const { ids } = await engine.jobs.add({ paths: [film], presetId: 'h264-mp4' });
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      outDir: path.join(dir, 'out'),
      spoolDir: path.join(dir, 'spool'),
      token,
      rendererDir: path.join(root, 'dist/renderer'),
      engine,
    });
    // The preview is made through the host's api (the engine's own preview service), which
    // is how the host learns its folder.
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}api?token=${token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<ReplyMessage>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as ReplyMessage;
        if (message.type !== 'event') resolve(message);
      }),
    );
    const input = { ...quick('web-1'), jobId: ids[0] };
    ws.send(JSON.stringify({ type: 'call', id: 1, service: 'preview', method: 'make', input }));
    const answer = await reply;
    ws.close();
    if (answer.type !== 'result') throw new Error(JSON.stringify(answer));
    result = answer.output as PreviewResult;
  });

  afterAll(async () => {
    await server.close();
  });

  const get = (pathname: string, headers: Record<string, string> = {}, withToken = true) =>
    fetch(`${server.url}${pathname.slice(1)}${withToken ? `?token=${token}` : ''}`, { headers });

  it('answers a still as image/png and the clip as video/mp4, in ranges', async () => {
    const still = await get(`/preview/web-1/${result.stills[0]?.after ?? ''}`);
    expect(still.status).toBe(200);
    expect(still.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await still.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');

    const clip = await get('/preview/web-1/clip.mp4', { Range: 'bytes=0-99' });
    expect(clip.status).toBe(206);
    expect(clip.headers.get('content-type')).toBe('video/mp4');
    expect(clip.headers.get('content-range')).toMatch(/^bytes 0-99\/\d+$/);
    expect((await clip.arrayBuffer()).byteLength).toBe(100);
    const beyond = await get('/preview/web-1/clip.mp4', { Range: 'bytes=999999999-' });
    expect(beyond.status).toBe(416);
  });

  it('refuses a request without the token', async () => {
    const response = await get('/preview/web-1/clip.mp4', {}, false);
    expect(response.status).toBe(401);
  });

  it('serves only fixed names of previews this host made', async () => {
    const folder = result.folder;
    symlinkSync('/etc/passwd', path.join(folder, 'before-9.png'));
    for (const bad of [
      '/preview/web-1/..%2F..%2Fshort.mp4',
      '/preview/web-1/../../short.mp4',
      '/preview/web-1/.after-0.5.mp4',
      '/preview/web-1/notes.txt',
      '/preview/web-1/before-9.png', // a link out of the folder
      '/preview/web-1/clip.mp4/more',
      '/preview/..%2Fprevious/clip.mp4',
      '/preview/unknown-request/clip.mp4',
      '/preview/p-5/clip.mp4', // on disk, but not made through this host
    ]) {
      const response = await get(bad);
      expect([bad, response.status]).toEqual([bad, 404]);
    }
    const post = await fetch(`${server.url}preview/web-1/clip.mp4?token=${token}`, {
      method: 'POST',
    });
    expect(post.status).toBe(405);
  });
});
