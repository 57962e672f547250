import { pathToFileURL } from 'node:url';
import { app, crashReporter, dialog, Menu, session, shell, type BrowserWindow } from 'electron';
import { createRouter } from '../api/router';
import { createEngine, type Engine } from '../engine/engine';
import { createActions } from './actions';
import { connectIpc } from './ipc';
import { userLogDir, userPresetsDir } from '../../platform/folders';
import { setCrashDumpsDir } from '../log/diagnostics';
import { closeProcessLog, openProcessLog } from '../log/process-log';
import { applyStateDirOverride, resolveLayout } from './layout';
import { buildMenu } from './menu';
import { collectOpenedFiles } from './opened-files';
import { guardQuit } from './quit';
import { PreviewFolders } from '../engine/preview-files';
import { registerPreviewScheme, servePreviews } from './preview-protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { trackBatch } from './taskbar';
import { startUpdater } from './updater';
import { utilityLauncher } from './utility-launcher';
import { createMainWindow, focusWindow } from './window';

// The Electron entry: one instance, one window, one engine. Everything the window shows
// comes from the engine through the typed api (ipc.ts); the worker runs in a utility
// process (utility-launcher.ts).

let win: BrowserWindow | null = null;

async function start(opened: ReturnType<typeof collectOpenedFiles>): Promise<void> {
  await app.whenReady();
  const layout = resolveLayout();
  openProcessLog('desktop', userLogDir());
  app.once('will-quit', () => void closeProcessLog());
  setCrashDumpsDir(app.getPath('crashDumps'));
  const updater = startUpdater(layout.stateDir);
  hardenSession(session.defaultSession, layout.rendererDir);

  let engine: Engine;
  try {
    engine = await createEngine({
      stateDir: layout.stateDir,
      launchWorker: utilityLauncher(layout.worker),
      defaultOutDir: layout.defaultOutDir,
      presetsDir: layout.presetsDir,
      // The user presets the CLI reads too (not Electron's own data folder).
      userPresetsDir: userPresetsDir(),
    });
  } catch (error) {
    dialog.showErrorBox(
      'Framewright could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
    return;
  }

  let stopTracking = (): void => {};
  const quit = guardQuit(
    engine,
    () => win,
    () => stopTracking(),
  );
  process.once('SIGINT', () => quit.quitNow());
  process.once('SIGTERM', () => quit.quitNow());

  const actions = createActions(engine, () => win);
  const addPaths = (paths: string[]): void => {
    actions.addPaths(paths).catch((error: unknown) => actions.report(error));
  };
  const pickAndAdd = (kind: 'files' | 'folder'): void => {
    actions
      .pickPaths(kind)
      .then((paths) => (paths.length > 0 ? actions.addPaths(paths) : undefined))
      .catch((error: unknown) => actions.report(error));
  };
  const run = (work: () => Promise<unknown>): void => {
    work().catch((error: unknown) => actions.report(error));
  };

  Menu.setApplicationMenu(
    buildMenu(
      {
        addFiles: () => pickAndAdd('files'),
        addFolder: () => pickAndAdd('folder'),
        start: () => run(() => engine.jobs.start()),
        pause: () => run(() => engine.jobs.pause()),
        cancelAll: () => run(() => actions.cancelAll()),
        checkForUpdates: () => updater.checkNow(),
        setAutomaticUpdates: (on) => updater.setAutomatic(on),
        showLogs: () => run(() => shell.openPath(userLogDir())),
      },
      {
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        automaticUpdates: updater.automatic,
      },
    ),
  );

  // The window's previews are served from the folders its api answered.
  const previews = new PreviewFolders();
  servePreviews(previews);
  const window = createMainWindow({ preload: layout.preload, indexHtml: layout.indexHtml });
  win = window;
  quit.attach(window);
  window.once('closed', () => {
    win = null;
  });
  connectIpc({
    win: window,
    expectedUrl: pathToFileURL(layout.indexHtml).href,
    router: createRouter(previews.track(engine)),
    revealOutput: (jobId) => actions.revealOutput(jobId),
    pickPaths: () => actions.pickPaths('files-and-folders'),
  });
  stopTracking = await trackBatch(engine, window, () => focusWindow(win));

  opened.deliverTo(addPaths);
}

// The state folder decides the single-instance lock, so it is set first.
applyStateDirOverride();
const gotLock = app.requestSingleInstanceLock();
if (!gotLock) {
  // Another Framewright is running; it received our command line through 'second-instance'.
  app.quit();
} else {
  // Crash dumps stay on this computer (app.getPath('crashDumps'), listed in diagnostics).
  crashReporter.start({ uploadToServer: false });
  app.enableSandbox();
  registerPreviewScheme();
  hardenAllWebContents();
  const opened = collectOpenedFiles(() => focusWindow(win));
  start(opened).catch((error: unknown) => {
    console.error('[framewright] start-up failed:', error);
    dialog.showErrorBox(
      'Framewright could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}
