import { readFileSync } from 'node:fs';
import path from 'node:path';
import { app, dialog } from 'electron';
import { autoUpdater, type UpdateCheckResult } from 'electron-updater';
import { writeFileAtomic } from '../../platform/atomic-file';
import { processLog } from '../log/process-log';
import { updatesBlocked } from './update-policy';

// Auto-update with electron-updater from the generic server named in electron-builder.yml
// (the only place of its URL; electron-builder writes it into the app as app-update.yml).
// Checks at start and from the Help menu, downloads in the background, installs on quit.

export interface Updater {
  /** Why this copy does not update itself, or null. */
  blocked(): string | null;
  /** The user's choice (Help ▸ Update Automatically). */
  readonly automatic: boolean;
  setAutomatic(on: boolean): void;
  /** Help ▸ Check for Updates…: says the outcome in a dialog. */
  checkNow(): void;
}

const CHOICE_FILE = 'updates.json';

function readChoice(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { automatic?: unknown }).automatic !== false;
  } catch {
    return true;
  }
}

export function startUpdater(stateDir: string): Updater {
  const choiceFile = path.join(stateDir, CHOICE_FILE);
  let automatic = readChoice(choiceFile);
  const blocked = (userOff: boolean): string | null =>
    updatesBlocked({
      isPackaged: app.isPackaged,
      mas: process.mas === true,
      windowsStore: process.windowsStore === true,
      env: process.env,
      userOff,
    });
  const log = processLog();
  autoUpdater.logger = {
    info: (message: unknown) => log.info(`updater: ${String(message)}`),
    warn: (message: unknown) => log.warn(`updater: ${String(message)}`),
    error: (message: unknown) => log.error(`updater: ${String(message)}`),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;

  const check = (): Promise<UpdateCheckResult | null> => autoUpdater.checkForUpdates();
  if (blocked(!automatic) === null)
    check().catch((error: unknown) => log.warn(`updater: ${(error as Error).message}`));

  return {
    blocked: () => blocked(!automatic),
    get automatic() {
      return automatic;
    },
    setAutomatic(on) {
      automatic = on;
      void writeFileAtomic(choiceFile, JSON.stringify({ automatic: on })).catch(() => undefined);
    },
    checkNow() {
      // A manual check works with automatic updates off; not in a store copy or a checkout.
      const why = blocked(false);
      if (why !== null) {
        void dialog.showMessageBox({ type: 'info', message: why });
        return;
      }
      check()
        .then((result) => {
          const latest = result === null || !result.isUpdateAvailable;
          void dialog.showMessageBox({
            type: 'info',
            message: latest
              ? `Framewright ${app.getVersion()} is the latest version.`
              : `Framewright ${result.updateInfo.version} is downloading; it installs when you quit.`,
          });
        })
        .catch((error: unknown) => {
          void dialog.showMessageBox({
            type: 'warning',
            message: `Updates could not be checked (${(error as Error).message}).`,
          });
        });
    },
  };
}
