import { app, dialog, type BrowserWindow } from 'electron';
import type { Engine } from '../engine/engine';
import { isTerminal } from '../../app/jobs/state';

// Quitting (menu, Cmd+Q, closing the window, a signal) goes through one path: ask when
// jobs are running, then dispose the engine (it cancels jobs, stops the worker and
// flushes state), then let the app quit. Disposal is time-boxed so a stuck worker never
// keeps the app alive.

const DISPOSE_LIMIT_MS = 15_000;

type Phase = 'open' | 'asking' | 'disposing' | 'done';

export interface QuitGuard {
  /** Closing this window quits the app, through the same question. */
  attach(win: BrowserWindow): void;
  /** Quits without asking (SIGINT/SIGTERM), still disposing the engine first. */
  quitNow(): void;
}

async function activeJobCount(engine: Engine): Promise<number> {
  const jobs = await engine.jobs.list();
  return jobs.filter((job) => job.status !== 'queued' && !isTerminal(job.status)).length;
}

async function confirm(win: BrowserWindow | null, active: number): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: ['Cancel Jobs and Quit', 'Keep Working'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    message: active === 1 ? 'A job is still running.' : `${active} jobs are still running.`,
    detail:
      'Quitting cancels them and removes their unfinished output. Queued jobs stay in the queue for next time.',
  };
  const result =
    win !== null && !win.isDestroyed()
      ? await dialog.showMessageBox(win, options)
      : await dialog.showMessageBox(options);
  return result.response === 0;
}

function withLimit(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`[framewright] the engine did not stop within ${ms} ms; quitting anyway`);
      resolve();
    }, ms);
    work
      .catch((error: unknown) => console.error('[framewright] engine dispose failed:', error))
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

/** `beforeDispose` runs once quitting is decided (e.g. to stop batch notifications). */
export function guardQuit(
  engine: Engine,
  getWindow: () => BrowserWindow | null,
  beforeDispose: () => void = () => {},
): QuitGuard {
  let phase: Phase = 'open';

  async function finish(): Promise<void> {
    phase = 'disposing';
    beforeDispose();
    await withLimit(engine.dispose(), DISPOSE_LIMIT_MS);
    phase = 'done';
    app.quit();
  }

  async function askThenQuit(): Promise<void> {
    phase = 'asking';
    let go = true;
    try {
      const active = await activeJobCount(engine);
      if (active > 0) go = await confirm(getWindow(), active);
    } catch (error) {
      console.error('[framewright] could not read the queue before quitting:', error);
    }
    if (!go) {
      phase = 'open';
      return;
    }
    await finish();
  }

  app.on('before-quit', (event) => {
    if (phase === 'done') return;
    event.preventDefault();
    if (phase === 'open') void askThenQuit();
  });

  return {
    attach(win) {
      win.on('close', (event) => {
        if (phase === 'done') return;
        event.preventDefault();
        app.quit();
      });
    },
    quitNow() {
      if (phase === 'open' || phase === 'asking') void finish();
    },
  };
}
