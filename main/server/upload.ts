import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { sendError, sendJson } from './headers';
import { cleanFileName } from './paths';

// POST /upload?name=clip.mp4 with the file as the body. Each upload gets its own
// folder in the spool (so names stay clean and never collide), is limited in size,
// and is removed again if anything goes wrong (or, by orphans.ts, if it never becomes
// a job). Answers { path } for jobs.add.

export class TooLarge extends Error {}

const BATCH = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DEPTH = 32;

interface Place {
  folder: string;
  target: string;
  /** The dropped folder's top level, for files that came inside a folder. */
  root: string | null;
  batch: boolean;
}

/**
 * Where an upload goes. A loose file gets a folder of its own; a file from a dropped
 * folder goes under its batch folder at its cleaned relative path.
 */
function placeOf(url: URL, spoolDir: string): Place | null {
  const name = cleanFileName(url.searchParams.get('name') ?? '');
  const batch = url.searchParams.get('batch');
  const rel = url.searchParams.get('rel');
  if (batch === null || rel === null) {
    const folder = path.join(spoolDir, randomUUID());
    return { folder, target: path.join(folder, name), root: null, batch: false };
  }
  const segments = rel
    .split(/[\\/]/)
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map(cleanFileName);
  if (!BATCH.test(batch) || segments.length < 2 || segments.length > MAX_DEPTH) return null;
  const folder = path.join(spoolDir, batch.toLowerCase());
  const target = path.join(folder, ...segments);
  return { folder, target, root: path.join(folder, segments[0] ?? ''), batch: true };
}

function sizeText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes % 1e9 === 0 ? 0 : 1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes % 1e6 === 0 ? 0 : 1)} MB`;
  return `${Math.ceil(bytes / 1000)} KB`;
}

export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  spoolDir: string,
  maxBytes: number,
  track: (folder: string) => () => void,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendError(res, 405, 'Upload files with POST.');
    return;
  }
  const place = placeOf(url, spoolDir);
  if (place === null) {
    sendError(res, 400, 'The upload names a folder this server does not accept.');
    req.resume();
    return;
  }
  const { folder, target, root, batch } = place;
  const declared = Number(req.headers['content-length']);
  const limitText = sizeText(maxBytes);
  if (Number.isFinite(declared) && declared > maxBytes) {
    sendError(res, 413, `The file is larger than this server accepts (${limitText}).`);
    req.resume();
    return;
  }
  const done = track(folder);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > maxBytes) done(new TooLarge());
      else done(null, chunk);
    },
  });
  try {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await pipeline(req, limit, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    sendJson(res, 201, { path: target, root, bytes: received });
  } catch (error) {
    // A batch folder holds other uploads of the same drop: remove only this file then.
    await rm(batch ? target : folder, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof TooLarge)
      sendError(res, 413, `The file is larger than this server accepts (${limitText}).`);
    else sendError(res, 500, 'The upload did not finish. Check the connection and try again.');
  } finally {
    done();
  }
}
