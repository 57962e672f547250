import { mkdir, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HostApi } from '../api/host-api';
import { createRouter } from '../api/router';
import { authorized, hostAllowed } from './auth';
import { handleDownload } from './download';
import { handlePreviewFile } from './preview-route';
import { PreviewFolders } from '../engine/preview-files';
import { sendError, setSecurityHeaders } from './headers';
import { CROSS_SITE_SENTENCE, changesState, fromForeignPage, ownHosts } from './origin';
import { DEFAULT_UPLOAD_GRACE_MS, sweepOrphans } from './orphans';
import { withPolicy } from './policy';
import { createApiSocket } from './socket';
import { serveStatic } from './static';
import { handleUpload } from './upload';

// The web host: the built renderer, the api over WebSocket at /api, uploads into the
// spool folder and downloads from the output folder. See docs/ARCHITECTURE.md, Contracts.

export interface ServerOptions {
  host: string;
  port: number;
  /** Outputs go here and only here; downloads are served from here. */
  outDir: string;
  /** Uploaded files land here; the only folder jobs may read from. */
  spoolDir: string;
  /** Required on every api, upload and download request when not null. */
  token: string | null;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  engine: HostApi;
  /** Largest accepted upload; 20 GB unless given. */
  maxUploadBytes?: number;
  /** Folders under which a browser may add watch folders (`serve --watch-root`). */
  watchRoots?: readonly string[];
  /** Uploads that are no job's input are removed after this long idle; 10 minutes unless given. */
  uploadGraceMs?: number;
}

export interface RunningServer {
  /** http://host:port/ (without the token). */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_UPLOAD = 20_000_000_000;

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  await mkdir(options.outDir, { recursive: true });
  await mkdir(options.spoolDir, { recursive: true, mode: 0o700 });
  const outDir = await realpath(options.outDir);
  const spoolDir = await realpath(options.spoolDir);
  const { token, rendererDir } = options;
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  // Previews this host made are served at /preview/<requestId>/<file>.
  const previews = new PreviewFolders();
  const watchRoots = await Promise.all(
    (options.watchRoots ?? []).map((root) =>
      realpath(root).catch(() => {
        throw new Error(`The watch root ${root} does not exist.`);
      }),
    ),
  );
  const api = previews.track(withPolicy(options.engine, { spoolDir, outDir, watchRoots }));
  const apiSocket = createApiSocket(createRouter(api));
  // Filled in once the port is known; until then any Origin is foreign.
  let own: ReadonlySet<string> = new Set();
  const orphans = sweepOrphans(
    spoolDir,
    options.uploadGraceMs ?? DEFAULT_UPLOAD_GRACE_MS,
    async () => (await options.engine.jobs.list()).map((job) => job.spec.input),
  );

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req, token)) {
      sendError(res, 421, 'This server only answers on its loopback address.');
      return;
    }
    if (changesState(req) && fromForeignPage(req, own, token)) {
      sendError(res, 403, CROSS_SITE_SENTENCE);
      req.resume();
      return;
    }
    const preview = url.pathname.startsWith('/preview/');
    const guarded =
      preview ||
      url.pathname === '/upload' ||
      url.pathname === '/download' ||
      url.pathname === '/api';
    if (guarded && !authorized(req, url, token)) {
      sendError(
        res,
        401,
        'This server needs the access token from the address it printed when it started.',
      );
      return;
    }
    if (url.pathname === '/upload')
      await handleUpload(req, res, url, spoolDir, maxUpload, orphans.begin);
    else if (url.pathname === '/download') await handleDownload(req, res, url, api, [outDir]);
    else if (preview) await handlePreviewFile(req, res, url, previews);
    else if (url.pathname === '/api') sendError(res, 426, 'The api speaks WebSocket.');
    else await serveStatic(rendererDir, url, req, res);
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/api') refuse('404 Not Found');
    else if (!hostAllowed(req, token)) refuse('421 Misdirected Request');
    else if (fromForeignPage(req, own, token)) refuse('403 Forbidden');
    else if (!authorized(req, url, token)) refuse('401 Unauthorized');
    else apiSocket.upgrade(req, socket, head);
  }

  const server = createServer((req, res) => {
    route(req, res).catch(() =>
      sendError(res, 500, 'Something went wrong on the server. Try again.'),
    );
  });
  server.on('upgrade', upgrade);
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await orphans.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  own = ownHosts(options.host, port);
  // The token is not part of the url: whoever prints the address adds `?token=`.
  const url = `http://${displayHost(options.host)}:${port}/`;

  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= (async () => {
        await Promise.all([apiSocket.close(), orphans.close()]);
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
