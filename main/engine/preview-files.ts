import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FramewrightApi } from '../../app/api/contract';
import { PREVIEW_FILE } from './preview-plan';

// Finding a preview's file for the hosts that serve it (the web host's /preview route,
// Electron's framewright-preview: scheme): the folder is the one the engine answered for
// that request id, the file name must match a fixed pattern, and the path is built here,
// never taken from the client.

/** Electron's scheme for preview files: framewright-preview://previews/<requestId>/<file>. */
export const PREVIEW_SCHEME = 'framewright-preview';

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.opus': 'audio/ogg',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
};

export interface PreviewFile {
  /** The file's real path, inside its request's folder. */
  file: string;
  size: number;
  contentType: string;
}

/** Requests whose folders are remembered (more than the previews a service keeps). */
const REMEMBERED = 32;

/**
 * Where the engine put each preview, learnt from its own preview.make answers (never from
 * a client), so that a host serves `<that folder>/<file>` for a request id and nothing else.
 */
export class PreviewFolders {
  private readonly folders = new Map<string, string>();

  /** The api, with the folder of every preview it makes remembered. */
  track<A extends { preview: FramewrightApi['preview'] }>(api: A): A {
    const make: FramewrightApi['preview']['make'] = async (input) => {
      const result = await api.preview.make(input);
      this.folders.delete(result.requestId);
      this.folders.set(result.requestId, result.folder);
      for (const old of [...this.folders.keys()].slice(0, -REMEMBERED)) this.folders.delete(old);
      return result;
    };
    return { ...api, preview: { ...api.preview, make } };
  }

  /** File `name` of preview `requestId`, or null when either is not a preview's name or the file is not there. */
  async find(requestId: string, name: string): Promise<PreviewFile | null> {
    const folder = this.folders.get(requestId);
    if (folder === undefined || !PREVIEW_FILE.test(name)) return null;
    try {
      const root = await realpath(folder);
      const file = await realpath(path.join(root, name));
      // Symlinks followed, the file must still be <folder>/<name>.
      if (file !== path.join(root, name)) return null;
      const info = await stat(file);
      if (!info.isFile()) return null;
      const contentType = TYPES[path.extname(name)] ?? 'application/octet-stream';
      return { file, size: info.size, contentType };
    } catch {
      return null;
    }
  }
}

/**
 * The part of a `size`-byte file a Range header asks for (one `bytes=` range, as <video>
 * sends): null for the whole file (no header, or one this does not serve), or
 * 'unsatisfiable' when it starts beyond the end.
 */
export function byteRange(
  header: string | null | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (match === null) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size) return 'unsatisfiable';
  return end < start ? null : { start, end };
}
