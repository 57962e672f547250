import { Menu, type MenuItemConstructorOptions } from 'electron';

// The application menu with its shortcuts. Actions go straight to the engine; the
// renderer sees the results through the api's events like any other change.

export interface MenuActions {
  addFiles(): void;
  addFolder(): void;
  start(): void;
  pause(): void;
  cancelAll(): void;
  /** Help ▸ Check for Updates… */
  checkForUpdates(): void;
  setAutomaticUpdates(on: boolean): void;
  /** Help ▸ Show Logs: opens the log folder in the file manager. */
  showLogs(): void;
}

export interface MenuOptions {
  isMac: boolean;
  isPackaged: boolean;
  /** Help ▸ Update Automatically is ticked. */
  automaticUpdates: boolean;
}

export function buildMenu(actions: MenuActions, options: MenuOptions): Menu {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Add Files…', accelerator: 'CmdOrCtrl+O', click: () => actions.addFiles() },
      { label: 'Add Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.addFolder() },
      { type: 'separator' },
      { label: 'Start', accelerator: 'CmdOrCtrl+Return', click: () => actions.start() },
      { label: 'Pause', accelerator: 'CmdOrCtrl+Shift+P', click: () => actions.pause() },
      {
        label: 'Cancel All',
        accelerator: 'CmdOrCtrl+Shift+Backspace',
        click: () => actions.cancelAll(),
      },
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  // Reload and developer tools only in development; zoom and full screen always.
  const view: MenuItemConstructorOptions = options.isPackaged
    ? {
        label: '&View',
        submenu: [
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      }
    : { role: 'viewMenu' };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
      {
        label: 'Update Automatically',
        type: 'checkbox',
        checked: options.automaticUpdates,
        click: (item) => actions.setAutomaticUpdates(item.checked),
      },
      { type: 'separator' },
      { label: 'Show Logs', click: () => actions.showLogs() },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
  return Menu.buildFromTemplate(template);
}
