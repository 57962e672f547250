import type { Picked } from './drop';

// Web host only: files dropped in the browser are streamed to the host's spool folder,
// which answers with the path the engine may read. Files from one dropped folder keep
// their layout under one batch folder, and the folder itself is added, so the engine
// expands it and skips what is not media, exactly as for a local folder.

export interface UploadProgress {
  done: number;
  total: number;
}

interface Uploaded {
  path: string;
  /** The dropped folder on the server, for files that came inside one. */
  root: string | null;
}

const PARALLEL = 3;

async function uploadOne(picked: Picked, batch: string, token: string | null): Promise<Uploaded> {
  const url = new URL('upload', window.location.href);
  url.searchParams.set('name', picked.file.name);
  if (picked.relativePath !== null) {
    url.searchParams.set('batch', batch);
    url.searchParams.set('rel', picked.relativePath);
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (token !== null) headers['X-Framewright-Token'] = token;
  const response = await fetch(url, { method: 'POST', body: picked.file, headers });
  const body = (await response.json().catch(() => ({}))) as {
    path?: unknown;
    root?: unknown;
    error?: unknown;
  };
  if (!response.ok || typeof body.path !== 'string') {
    const reason =
      typeof body.error === 'string' ? body.error : `the server answered ${response.status}`;
    throw new Error(`Could not upload “${picked.file.name}”: ${reason}`);
  }
  return { path: body.path, root: typeof body.root === 'string' ? body.root : null };
}

/** Uploads a few at a time; resolves to the paths to add: loose files and dropped folders. */
export async function uploadFiles(
  files: readonly Picked[],
  token: string | null,
  onProgress: (progress: UploadProgress) => void,
): Promise<string[]> {
  const batch = crypto.randomUUID();
  const uploaded = new Array<Uploaded | undefined>(files.length);
  let next = 0;
  let done = 0;
  onProgress({ done, total: files.length });
  async function lane(): Promise<void> {
    while (next < files.length) {
      const index = next++;
      const picked = files[index];
      if (picked === undefined) continue;
      uploaded[index] = await uploadOne(picked, batch, token);
      done += 1;
      onProgress({ done, total: files.length });
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, lane));
  const paths = uploaded.map((u) => u?.root ?? u?.path).filter((p): p is string => p !== undefined);
  return [...new Set(paths)];
}
