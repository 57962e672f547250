import { existsSync } from 'node:fs';
import { app } from 'electron';
import { pathsFromArgv } from './argv';

// Files the OS hands us: on the command line of the first launch, on the command line of
// a second launch (forwarded by the single-instance lock), and through macOS's open-file
// event, which can arrive before the app is ready. They wait here until the engine can
// take them, and arrive in small batches.

const BATCH_MS = 100;

export interface OpenedFiles {
  /** Starts delivering paths (those waiting, then new ones) to `sink`. */
  deliverTo(sink: (paths: string[]) => void): void;
}

/** Call before the app is ready. `onSecondInstance` runs when the app is launched again. */
export function collectOpenedFiles(onSecondInstance: () => void): OpenedFiles {
  const defaultApp = process.defaultApp === true;
  let pending: string[] = [];
  let sink: ((paths: string[]) => void) | null = null;
  let timer: NodeJS.Timeout | null = null;

  const flush = (): void => {
    timer = null;
    if (sink === null || pending.length === 0) return;
    const paths = [...new Set(pending)].filter((p) => existsSync(p));
    pending = [];
    if (paths.length > 0) sink(paths);
  };
  const add = (paths: readonly string[]): void => {
    pending.push(...paths);
    timer ??= setTimeout(flush, BATCH_MS);
  };

  add(pathsFromArgv(process.argv, { defaultApp, cwd: process.cwd() }));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    add(pathsFromArgv(argv, { defaultApp, cwd: workingDirectory }));
    onSecondInstance();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    add([path]);
  });

  return {
    deliverTo(next) {
      sink = next;
      flush();
    },
  };
}
