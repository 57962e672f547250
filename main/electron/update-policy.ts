// Whether this copy of the app updates itself (electron-updater), as a sentence saying why
// not, or null when it does. No Electron import: test/update-policy.test.ts runs it in Node.

export interface UpdateContext {
  /** app.isPackaged: a checkout run with `npm start` has nothing to update. */
  isPackaged: boolean;
  /** process.mas: the Mac App Store build. */
  mas: boolean;
  /** process.windowsStore: the Microsoft Store (AppX) build. */
  windowsStore: boolean;
  env: NodeJS.ProcessEnv;
  /** The user turned automatic updates off (Help menu). */
  userOff: boolean;
}

export function updatesBlocked(context: UpdateContext): string | null {
  if (!context.isPackaged) return 'This copy runs from a checkout: update it with git.';
  if (context.mas || context.windowsStore || context.env.SNAP !== undefined)
    return 'This copy came from a store, which keeps it up to date.';
  if (context.env.FRAMEWRIGHT_NO_UPDATES === '1')
    return 'Updates are turned off (FRAMEWRIGHT_NO_UPDATES=1).';
  if (context.userOff) return 'Automatic updates are turned off.';
  return null;
}
