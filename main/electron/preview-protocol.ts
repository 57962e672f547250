import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { byteRange, PREVIEW_SCHEME, type PreviewFolders } from '../engine/preview-files';

// Preview files for the window: framewright-preview://previews/<requestId>/<file>, the
// same names and checks as the web host's /preview route (main/server/preview-route.ts),
// with Range for <video>. Only previews this window's api made are served.

/** Before the app is ready: the scheme is secure and streams (for <video> seeking). */
export function registerPreviewScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: PREVIEW_SCHEME, privileges: { standard: true, secure: true, stream: true } },
  ]);
}

function answer(status: number, sentence: string): Response {
  return new Response(sentence, { status, headers: { 'Content-Type': 'text/plain' } });
}

export function servePreviews(previews: PreviewFolders): void {
  protocol.handle(PREVIEW_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return answer(405, 'Preview files are read with GET.');
    const url = new URL(request.url);
    const [, requestId = '', name = '', ...more] = url.pathname.split('/');
    const found =
      url.host !== 'previews' || more.length > 0 ? null : await previews.find(requestId, name);
    if (found === null) return answer(404, 'That preview file does not exist.');
    const range = byteRange(request.headers.get('range'), found.size);
    if (range === 'unsatisfiable') return answer(416, 'That part of the file is beyond its end.');
    const { start, end } = range ?? { start: 0, end: found.size - 1 };
    const headers: Record<string, string> = {
      'Content-Type': found.contentType,
      'Content-Length': String(Math.max(0, end - start + 1)),
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    };
    if (range !== null) headers['Content-Range'] = `bytes ${start}-${end}/${found.size}`;
    const body =
      request.method === 'HEAD' || found.size === 0
        ? null
        : (Readable.toWeb(createReadStream(found.file, { start, end })) as ReadableStream);
    return new Response(body, { status: range === null ? 200 : 206, headers });
  });
}
