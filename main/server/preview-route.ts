import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { byteRange, type PreviewFolders } from '../engine/preview-files';
import { sendError } from './headers';

// GET /preview/<requestId>/<file>[?token=TOKEN]: a preview's files for the renderer.
//   <requestId>: the PreviewRequest's requestId ([A-Za-z0-9-]{1,64}), of a preview this
//   host made (the folder is the one the engine answered, main/engine/preview-files.ts);
//   <file>: a name from its PreviewResult: before-<t>.png, after-<t>.png, clip.<ext>.
// The token (when the host has one) goes in the query, since <img> and <video> cannot
// send headers: `/preview/${requestId}/${name}?token=${token}`. PNGs are image/png, the
// clip video/mp4 (or its container's type) with Range support for <video> seeking.
// Electron serves the same files as framewright-preview://previews/<requestId>/<file>.

export async function handlePreviewFile(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  previews: PreviewFolders,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, 'Preview files are read with GET.');
    return;
  }
  const [, , requestId = '', name = '', ...more] = url.pathname.split('/');
  const found = more.length > 0 ? null : await previews.find(requestId, name);
  if (found === null) {
    sendError(res, 404, 'That preview file does not exist. Make the preview again.');
    return;
  }
  const range = byteRange(req.headers.range, found.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${found.size}`);
    sendError(res, 416, 'That part of the file is beyond its end.');
    return;
  }
  const { start, end } = range ?? { start: 0, end: found.size - 1 };
  res.writeHead(range === null ? 200 : 206, {
    'Content-Type': found.contentType,
    'Content-Length': Math.max(0, end - start + 1),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    ...(range === null ? {} : { 'Content-Range': `bytes ${start}-${end}/${found.size}` }),
  });
  if (req.method === 'HEAD' || found.size === 0) {
    res.end();
    return;
  }
  createReadStream(found.file, { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}
