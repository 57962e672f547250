import { BrowserWindow, nativeTheme } from 'electron';

// The one application window. The renderer is sandboxed with context isolation and no
// Node; it reaches the engine only through the preload's typed bridge.

export interface WindowFiles {
  /** dist/electron/preload.js */
  preload: string;
  /** dist/renderer/index.html */
  indexHtml: string;
}

export function createMainWindow(files: WindowFiles): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Framewright',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1b1f' : '#ffffff',
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click must not open links in new windows (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // A page that fails to load still shows the window, so the failure is visible.
  win.webContents.once('did-fail-load', (_event, code, description) => {
    console.error(`[framewright] the window failed to load (${code}): ${description}`);
    if (!win.isDestroyed()) win.show();
  });
  win.loadFile(files.indexHtml).catch((error: unknown) => {
    console.error('[framewright] could not load the renderer:', error);
  });
  return win;
}

/** Brings the window to the front (after a second launch or a file opened from the OS). */
export function focusWindow(win: BrowserWindow | null): void {
  if (win === null || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
