import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PREVIEW_SCHEME } from '../engine/preview-files';

// Pure checks the main process applies to what the renderer sends or loads. Kept free of
// Electron so they run under plain Node in unit tests.

/** True when `url` is the document `expected` (same scheme, host and path; query and hash ignored). */
export function isSameDocument(url: string, expected: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(expected);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/** True when `child` is `dir` itself or lies inside it. */
export function isInside(dir: string, child: string): boolean {
  const relative = path.relative(dir, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Which requests the renderer's session lets through: the built renderer's own files,
 * the data:, blob: and devtools: schemes, and preview files (their handler checks names). Everything else (http, ws, other files) is
 * cancelled: the renderer talks to the world only through the api.
 */
export function isAllowedRequest(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'data:':
    case 'blob:':
    case 'devtools:':
    case `${PREVIEW_SCHEME}:`:
      return true;
    case 'file:':
      try {
        return isInside(rendererDir, fileURLToPath(parsed));
      } catch {
        return false;
      }
    default:
      return false;
  }
}
