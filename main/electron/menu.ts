import { Menu, type MenuItemConstructorOptions } from 'electron';

// The application menu with its shortcuts. Actions go straight to the engine; the
// renderer sees the results through the api's events like any other change.

export interface MenuActions {
  addFiles(): void;
  addFolder(): void;
  start(): void;
  pause(): void;
  cancelAll(): void;
}

export function buildMenu(
  actions: MenuActions,
  options: { isMac: boolean; isPackaged: boolean },
): Menu {
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
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
