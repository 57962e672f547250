import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../platform/atomic-file';
import { userCacheDir } from '../platform/folders';

// Facts about programs that only change when the program file changes (ffmpeg's
// version and build, whether bubblewrap works): remembered per path, size and
// modification time, so a command does not pay ~80 ms per start of Debian's
// 200-library ffmpeg just to ask its version again.

type Facts = Record<string, unknown>;
let memory: Facts | null = null;
/** Writes run one after another, so the file ends with the latest facts. */
let writing: Promise<void> = Promise.resolve();

function cacheFile(): string {
  return path.join(userCacheDir(), 'program-facts.json');
}

function load(): Facts {
  if (memory !== null) return memory;
  try {
    memory = JSON.parse(readFileSync(cacheFile(), 'utf8')) as Facts;
  } catch {
    memory = {};
  }
  return memory;
}

/** The identity of a program file; null when it cannot be read. */
export function fileIdentity(file: string, extra = ''): string | null {
  try {
    const s = statSync(file);
    return `${file}|${s.size}|${s.mtimeMs}|${extra}`;
  } catch {
    return null;
  }
}

export function recall<T>(
  key: string | null,
  accept: (value: unknown) => value is T,
): T | undefined {
  if (key === null) return undefined;
  const value = load()[key];
  return accept(value) ? value : undefined;
}

export function remember(key: string | null, value: unknown): void {
  if (key === null) return;
  const facts = { ...load(), [key]: value };
  memory = facts;
  writing = writing.then(async () => {
    try {
      const file = cacheFile();
      mkdirSync(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, JSON.stringify(facts));
    } catch {
      // A cache that cannot be written only costs time.
    }
  });
}

/** Resolves when every fact remembered so far is on disk (or given up); before exit. */
export function factsWritten(): Promise<void> {
  return writing;
}
