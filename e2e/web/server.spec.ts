import { expect, test } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { ReplyMessage } from '../../app/api/contract';
import { startServer } from '../../main/server';
import { ROOT } from './host';
import { expectNoErrorNotices } from './checks';
import { dropFiles } from './drop';
import { startInProcess, type InProcessHost } from './in-process';
import { makeClips } from './media';

// The web host's guard rails, driven over plain HTTP and WebSocket: the token, the
// Origin and Host checks, the upload limit and clean names, and the path policy that
// keeps the engine inside the spool and output folders.

const TOKEN = 'e2e-token-0123456789';
let host: InProcessHost;
let work: string;
let base: URL;

test.beforeAll(async () => {
  host = await startInProcess({ token: TOKEN, maxUploadBytes: 100_000 });
  work = host.work;
  base = new URL(host.server.url);
});

test.afterAll(async () => {
  await host.close();
});

function at(pathname: string, token: string | null = TOKEN): string {
  const url = new URL(pathname, base);
  url.search = '';
  if (token !== null) url.searchParams.set('token', token);
  return url.toString();
}

/** Opens the api socket, or resolves to the HTTP status that refused it. */
function connect(
  token: string | null,
  headers: Record<string, string> = {},
): Promise<WebSocket | number> {
  const url = at('/api', token).replace(/^http/, 'ws');
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

async function call(
  ws: WebSocket,
  service: string,
  method: string,
  input?: unknown,
): Promise<ReplyMessage> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const parsed = JSON.parse(data.toString()) as ReplyMessage | ReplyMessage[];
      for (const reply of Array.isArray(parsed) ? parsed : [parsed]) {
        if (reply.type !== 'event' && reply.id === id) {
          ws.off('message', onMessage);
          resolve(reply);
        }
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, service, method, input }));
  });
}

test('pages carry a strict CSP; the api, uploads and downloads need the token', async ({
  request,
}) => {
  const page = await request.get(at('/', null));
  expect(page.status()).toBe(200);
  expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
  expect((await request.get(at('/download?id=x', null))).status()).toBe(401);
  expect((await request.post(at('/upload', null), { data: 'x' })).status()).toBe(401);
  expect((await request.get(at('/download', 'wrong-token'))).status()).toBe(401);
  expect(await connect(null)).toBe(401);
  expect(await connect('nope')).toBe(401);
  expect(await connect(TOKEN, { Origin: 'http://evil.example' })).toBe(403);
  // Even with the token, another site's page may not upload.
  const foreign = await request.post(at('/upload') + '&name=x.mp4', {
    data: 'x',
    headers: { Origin: 'http://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  const traversal = await request.get(new URL('/..%2f..%2f..%2fetc%2fpasswd', base).toString());
  expect(await traversal.text()).not.toContain('root:');
});

test('uploads get clean names inside the spool and respect the size limit', async ({ request }) => {
  const ok = await request.post(
    at('/upload') + '&name=' + encodeURIComponent('../../etc/.. evil<name>.mp4'),
    {
      data: Buffer.alloc(2000, 1),
    },
  );
  expect(ok.status()).toBe(201);
  const { path: saved } = (await ok.json()) as { path: string };
  expect(path.basename(saved)).toBe('evilname.mp4');
  expect(saved.startsWith(path.join(work, 'spool'))).toBe(true);

  const before = readdirSync(path.join(work, 'spool')).length;
  const big = await request.post(at('/upload') + '&name=big.mp4', {
    data: Buffer.alloc(200_000, 1),
  });
  expect(big.status()).toBe(413);
  expect(((await big.json()) as { error: string }).error).toMatch(
    /larger than this server accepts/,
  );
  expect(readdirSync(path.join(work, 'spool'))).toHaveLength(before);
});

test('the browser cannot reach files or settings outside its folders', async () => {
  const ws = await connect(TOKEN, { Origin: base.origin });
  expect(ws).toBeInstanceOf(WebSocket);
  if (!(ws instanceof WebSocket)) return;
  const add = await call(ws, 'jobs', 'add', { paths: ['/etc/passwd'] });
  expect(add.type === 'error' && add.error.message).toMatch(/only converts files uploaded/);
  const sneaky = await call(ws, 'jobs', 'add', {
    paths: [path.join(work, 'spool', '..', 'state')],
  });
  expect(sneaky.type).toBe('error');
  const probe = await call(ws, 'media', 'probe', { paths: ['/etc/hostname'] });
  expect(probe.type).toBe('error');
  const settings = await call(ws, 'settings', 'set', { outDir: '/' });
  expect(settings.type === 'error' && settings.error.message).toMatch(
    /cannot be changed from the browser/,
  );
  const ffmpeg = await call(ws, 'settings', 'set', { ffmpegPath: '/bin/sh' });
  expect(ffmpeg.type).toBe('error');
  const got = await call(ws, 'settings', 'get');
  expect(got.type === 'result' && (got.output as { outDir: string }).outDir).toBe(
    path.join(work, 'out'),
  );
  const bad = await call(ws, 'jobs', 'cancel', { ids: 'not-a-list' });
  expect(bad.type === 'error' && bad.error.name).toBe('ApiInputError');
  ws.close();
  expect(existsSync(path.join(work, 'out'))).toBe(true);
});

test('without a token the host answers only to loopback names', async ({ request }) => {
  const open = await startServer({
    host: '127.0.0.1',
    port: 0,
    outDir: path.join(work, 'out'),
    spoolDir: path.join(work, 'spool'),
    token: null,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    engine: host.engine,
  });
  try {
    expect((await request.get(open.url)).status()).toBe(200);
    const rebound = await request.get(open.url, { headers: { Host: 'evil.example' } });
    expect(rebound.status()).toBe(421);
  } finally {
    await open.close();
  }
});

test('in the browser: the token unlocks the app, removing a job deletes its upload, folders keep their layout', async ({
  page,
}) => {
  await page.goto(host.server.url);
  await expect(page.getByText('needs its access token')).toBeVisible();

  const clips = makeClips(path.join(work, 'media'));
  await page.goto(`${host.server.url}?token=${TOKEN}`);
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [
    clips.good[0] ?? '',
  ]);
  const row = page.locator('[data-status="queued"]', { hasText: 'sunrise.mp4' });
  await expect(row).toBeVisible();
  const [job] = await host.engine.jobs.list();
  const upload = job?.spec.input ?? '';
  expect(existsSync(upload)).toBe(true);
  await row.getByRole('button', { name: 'Remove sunrise.mp4 from the queue' }).click();
  await expect(row).toHaveCount(0);
  expect(existsSync(upload)).toBe(false);
  expect(existsSync(path.dirname(upload))).toBe(false);
  await expectNoErrorNotices(page);

  // A picked folder keeps its layout on the server and expands in the engine, which
  // skips what is not media; hidden files never leave the browser.
  const folder = path.join(work, 'holiday');
  mkdirSync(path.join(folder, 'day two'), { recursive: true });
  copyFileSync(clips.good[0] ?? '', path.join(folder, 'sunrise.mp4'));
  copyFileSync(clips.good[1] ?? '', path.join(folder, 'day two', 'harbour walk.mkv'));
  writeFileSync(path.join(folder, 'notes.txt'), 'not a video');
  writeFileSync(path.join(folder, '.DS_Store'), 'hidden');
  await page.locator('input[webkitdirectory]').setInputFiles(folder);
  await expect(page.locator('[data-status="queued"]')).toHaveCount(2);
  await expect(page.getByText(/1 item was skipped/)).toBeVisible();
  const inputs = (await host.engine.jobs.list()).map((j) =>
    path.relative(host.spoolDir, j.spec.input),
  );
  expect(inputs.map((p) => p.split(path.sep).slice(1).join('/')).sort()).toEqual([
    'holiday/day two/harbour walk.mkv',
    'holiday/sunrise.mp4',
  ]);
});
