import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** True when `child` is `parent` itself or lies below it (lexically, after resolving). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * isInside for many children of one parent: the parent is resolved once and each child
 * once (isInside resolves both twice), for checking every job of a 10,000-file drop.
 */
export function insideOf(parent: string): (child: string) => boolean {
  const fold = process.platform === 'win32' ? (p: string) => p.toLowerCase() : (p: string) => p;
  const root = fold(path.resolve(parent));
  const prefix = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  return (child) => {
    const full = fold(path.resolve(child));
    return full === root || full.startsWith(prefix);
  };
}

/** Real path of a file or its nearest existing ancestor, so symlinks cannot lead outside. */
export async function realPathOf(target: string): Promise<string> {
  try {
    return await realpath(target);
  } catch {
    const parent = path.dirname(target);
    if (parent === target) return target;
    return path.join(await realPathOf(parent), path.basename(target));
  }
}

/** True when `child` resolves, symlinks followed, inside one of `roots` (given as real paths). */
export async function isInsideReal(roots: readonly string[], child: string): Promise<boolean> {
  const real = await realPathOf(path.resolve(child));
  return roots.some((root) => isInside(root, real));
}

/**
 * A file name safe on every OS: no separators, control or reserved characters, no
 * leading dots, at most 120 characters, extension kept.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const ext = path.extname(cleaned).slice(0, 12);
  const stem = cleaned
    .slice(0, cleaned.length - ext.length)
    .slice(0, 120 - ext.length)
    .trim();
  const name = `${stem}${ext}`;
  return stem === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem) ? `upload${ext}` : name;
}
