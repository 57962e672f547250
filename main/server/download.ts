import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { HostApi } from '../api/host-api';
import { sendError } from './headers';
import { isInsideReal } from './paths';

// GET /download?id=JOB: the output of a finished job, only if it lies inside the
// output folder (symlinks followed).

function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function handleDownload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  api: Pick<HostApi, 'jobs'>,
  outRoots: readonly string[],
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, 'Download with GET.');
    return;
  }
  const id = url.searchParams.get('id') ?? '';
  const job = (await api.jobs.list()).find((j) => j.id === id);
  const output = job?.status === 'done' ? job.output : null;
  if (output === null || output === undefined) {
    sendError(res, 404, 'That job has no finished output to download.');
    return;
  }
  if (!(await isInsideReal(outRoots, output))) {
    sendError(res, 403, 'That output is outside the folder this server may share.');
    return;
  }
  let size: number;
  try {
    const info = await stat(output);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    sendError(res, 404, 'The output file is no longer there. It may have been moved or deleted.');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': size,
    'Content-Disposition': disposition(path.basename(output)),
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(output)
    .on('error', () => res.destroy())
    .pipe(res);
}
