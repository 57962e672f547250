import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Files handed to the app by the OS or a shell: `framewright a.mkv b.mp4`, a desktop
// entry's %F or %U, or a second launch while the app runs. Pure, for unit tests.

export interface ArgvContext {
  /** True when run as `electron <app> …` (process.defaultApp): the first positional is the app. */
  defaultApp: boolean;
  /** The directory relative paths are resolved against. */
  cwd: string;
}

const MAX_PATH = 4096;

function toPath(arg: string, cwd: string): string | null {
  if (arg.length === 0 || arg.length > MAX_PATH) return null;
  if (arg.startsWith('file:')) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return null; // other URLs are not files
  return path.resolve(cwd, arg);
}

/** The file and folder paths named on a command line, absolute, without switches. */
export function pathsFromArgv(argv: readonly string[], context: ArgvContext): string[] {
  const positional: string[] = [];
  let afterSeparator = false;
  for (const arg of argv.slice(1)) {
    if (!afterSeparator && arg === '--') {
      afterSeparator = true;
      continue;
    }
    if (!afterSeparator && arg.startsWith('-')) continue; // Chromium, Node and Playwright switches
    positional.push(arg);
  }
  const files = context.defaultApp ? positional.slice(1) : positional;
  const paths: string[] = [];
  for (const arg of files) {
    const resolved = toPath(arg, context.cwd);
    if (resolved !== null && !paths.includes(resolved)) paths.push(resolved);
  }
  return paths;
}
