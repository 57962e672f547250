import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Engine } from '../main/engine/engine';
import { startServer, type RunningServer } from '../main/server';
import { root } from './helpers/cli';
import { testEngine } from './helpers/engine';
import { tempDir } from './helpers/media';

// Cross-site writes: any page the user visits may POST to a loopback host or open a
// WebSocket to it. Only this host's own page and clients without an Origin may change
// anything.

const ORIGIN_ERROR = 'This server only accepts changes from its own page.';

describe('web host origin rule', () => {
  let engine: Engine;
  let server: RunningServer;
  let spoolDir = '';
  let port = '';
  beforeAll(async () => {
    const dir = tempDir();
    spoolDir = path.join(dir, 'spool');
    engine = await testEngine();
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      outDir: path.join(dir, 'out'),
      spoolDir,
      token: null,
      rendererDir: path.join(root, 'dist/renderer'),
      engine,
    });
    port = new URL(server.url).port;
  });
  afterAll(async () => {
    await server.close();
    await engine.dispose();
  });

  const upload = (headers: Record<string, string>): Promise<Response> =>
    fetch(`${server.url}upload?name=clip.mp4`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...headers },
      body: Buffer.alloc(1000, 7),
    });

  /** Opens the api socket, or resolves to the HTTP status that refused it. */
  const connect = (headers: Record<string, string>): Promise<WebSocket | number> =>
    new Promise((resolve) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}api`, { headers });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(0));
    });

  it.each([
    ['another site', { Origin: 'http://evil.example' }],
    ['another port on loopback', { Origin: 'http://127.0.0.1:1' }],
    ['a sandboxed or file page', { Origin: 'null' }],
    ['a page that says cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a page of the same site', { 'Sec-Fetch-Site': 'same-site' }],
    [
      'an own Origin contradicted',
      { Origin: 'http://127.0.0.1:PORT', 'Sec-Fetch-Site': 'cross-site' },
    ],
  ])('an upload from %s is refused and writes nothing', async (_from, headers) => {
    const given = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key, value.replace('PORT', port)]),
    );
    const before = readdirSync(spoolDir);
    const response = await upload(given);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: ORIGIN_ERROR });
    expect(readdirSync(spoolDir)).toEqual(before);
  });

  it.each([
    ['a tool without an Origin', {}],
    ['the page at 127.0.0.1', { Origin: 'http://127.0.0.1:PORT', 'Sec-Fetch-Site': 'same-origin' }],
    ['the page at localhost', { Origin: 'http://localhost:PORT' }],
    ['the page at [::1]', { Origin: 'http://[::1]:PORT' }],
    ['a typed address', { 'Sec-Fetch-Site': 'none' }],
  ])('an upload from %s is accepted', async (_from, headers: Record<string, string>) => {
    const given = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key, value.replace('PORT', port)]),
    );
    const response = await upload(given);
    expect(response.status).toBe(201);
    const { path: saved } = (await response.json()) as { path: string };
    expect(existsSync(saved)).toBe(true);
  });

  it('reading the page is not a change: a foreign Origin may still GET it', async () => {
    const response = await fetch(server.url, { headers: { Origin: 'http://evil.example' } });
    expect(response.status).toBe(200);
  });

  it('the api socket opens only for its own page and for clients without an Origin', async () => {
    expect(await connect({ Origin: 'http://evil.example' })).toBe(403);
    expect(await connect({ Origin: 'null' })).toBe(403);
    expect(await connect({ 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
    expect(await connect({ Origin: `http://localhost:${Number(port) + 1}` })).toBe(403);
    const own: Record<string, string>[] = [{}, { Origin: `http://localhost:${port}` }];
    for (const headers of own) {
      const ws = await connect(headers);
      expect(ws).toBeInstanceOf(WebSocket);
      if (ws instanceof WebSocket) ws.close();
    }
  });
});
