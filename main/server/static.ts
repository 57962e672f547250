import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { sendError } from './headers';
import { isInside } from './paths';

// Serves the built renderer (dist/renderer). Only files inside that folder; anything
// that is not a known asset falls back to index.html.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileAt(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

export async function serveStatic(
  rendererDir: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, 'Only GET and HEAD are allowed here.');
    return;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    sendError(res, 400, 'That address is not valid.');
    return;
  }
  const root = path.resolve(rendererDir);
  let file = path.join(root, relative);
  if (!isInside(root, file) || relative.includes('\0')) {
    sendError(res, 404, 'Not found.');
    return;
  }
  let size = await fileAt(file);
  if (size === null && path.extname(relative) === '') {
    file = path.join(root, 'index.html');
    size = await fileAt(file);
  }
  if (size === null) {
    sendError(
      res,
      404,
      file.endsWith('index.html')
        ? 'The app has not been built. Run `npm run build`.'
        : 'Not found.',
    );
    return;
  }
  const isIndex = path.basename(file) === 'index.html';
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
