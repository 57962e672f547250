import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../../app/util/errors';

// Paths between machines: `--path-map FROM=TO` turns a submitter's path into this
// worker's (the same share mounted elsewhere, as Tdarr's path translators do), and
// `--allow DIR` bounds what a worker reads and writes.

export interface PathMap {
  from: string;
  to: string;
}

export function parsePathMap(text: string): PathMap {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1)
    throw new UserFacingError(`--path-map needs FROM=TO, not "${text}".`, 'bad-path-map');
  return { from: text.slice(0, at), to: text.slice(at + 1) };
}

/** `prefix` starts `p` at a folder boundary. */
function under(p: string, prefix: string): boolean {
  const bare = prefix.replace(/[\\/]+$/, '');
  return p === bare || p.startsWith(`${bare}/`) || p.startsWith(`${bare}\\`);
}

function swap(p: string, from: string, to: string): string {
  const rest = p.slice(from.replace(/[\\/]+$/, '').length).replace(/\\/g, '/');
  return `${to.replace(/[\\/]+$/, '')}${rest}`;
}

/** The submitter's path as this worker sees it (the first map that matches). */
export function toLocal(p: string, maps: readonly PathMap[]): string {
  const map = maps.find((m) => under(p, m.from));
  return map === undefined ? p : swap(p, map.from, map.to);
}

/** Real paths of the allowed folders; a missing one is a start error. */
export async function resolveAllowed(dirs: readonly string[]): Promise<string[]> {
  return Promise.all(
    dirs.map((dir) =>
      realpath(dir).catch(() => {
        throw new UserFacingError(`The --allow folder ${dir} does not exist.`, 'bad-allow');
      }),
    ),
  );
}

/**
 * The real path of `p` when it lies inside one of the allowed folders; otherwise a
 * sentence. `what` names it in the sentence ("The input", "The output folder").
 */
export async function insideAllowed(
  p: string,
  allowed: readonly string[],
  what: string,
): Promise<string> {
  if (!path.isAbsolute(p))
    throw new UserFacingError(
      `${what} ${p} is not an absolute path on this worker.`,
      'not-allowed',
    );
  let real: string;
  try {
    real = await realpath(p);
  } catch {
    throw new UserFacingError(`${what} ${p} does not exist on this worker.`, 'not-allowed');
  }
  if (!allowed.some((dir) => real === dir || real.startsWith(`${dir}${path.sep}`)))
    throw new UserFacingError(
      `${what} ${p} is outside the folders this worker may use (--allow).`,
      'not-allowed',
    );
  return real;
}

/**
 * An output folder inside the allowed ones, made when missing (a keep-tree subfolder):
 * its deepest existing folder is checked before anything is created beneath it.
 */
export async function allowedOutputFolder(dir: string, allowed: readonly string[]): Promise<void> {
  let existing = path.normalize(dir);
  while (!(await exists(existing)) && path.dirname(existing) !== existing)
    existing = path.dirname(existing);
  await insideAllowed(existing, allowed, 'The output folder');
  await mkdir(dir, { recursive: true });
  await insideAllowed(dir, allowed, 'The output folder');
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
