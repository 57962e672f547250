import { existsSync } from 'node:fs';
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { AddJobsInputSchema } from '../../app/api/contract';
import { isTerminal } from '../../app/jobs/state';
import { MEDIA_EXTENSIONS } from '../../app/media/extensions';
import type { Engine } from '../engine/engine';

// What the desktop adds to the api: native dialogs, the file manager, files from the OS
// and the menu. Each goes through the engine like any renderer call.

export type PickKind = 'files-and-folders' | 'files' | 'folder';

export interface DesktopActions {
  addPaths(paths: string[]): Promise<void>;
  pickPaths(kind: PickKind): Promise<string[]>;
  revealOutput(jobId: string): Promise<void>;
  cancelAll(): Promise<void>;
  /** Shows an error to the person; for actions started from the menu or the OS. */
  report(error: unknown): void;
}

export function createActions(
  engine: Engine,
  getWindow: () => BrowserWindow | null,
  platform = process.platform,
): DesktopActions {
  const window = (): BrowserWindow | null => {
    const win = getWindow();
    return win !== null && !win.isDestroyed() ? win : null;
  };

  return {
    async addPaths(paths) {
      const input = AddJobsInputSchema.safeParse({ paths });
      if (!input.success) throw new TypeError('Those files cannot be added.');
      const result = await engine.jobs.add(input.data);
      for (const skipped of result.skipped)
        console.info(`[framewright] skipped ${skipped.path}: ${skipped.reason}`);
    },

    async pickPaths(kind) {
      // Windows and Linux cannot show one dialog for files and folders: there, the
      // files dialog is shown and folders come from "Add Folder…" or a drop.
      const properties: OpenDialogOptions['properties'] =
        kind === 'folder'
          ? ['openDirectory', 'multiSelections']
          : kind === 'files-and-folders' && platform === 'darwin'
            ? ['openFile', 'openDirectory', 'multiSelections']
            : ['openFile', 'multiSelections'];
      const options: OpenDialogOptions = {
        title: kind === 'folder' ? 'Add Folder' : 'Add Files',
        buttonLabel: 'Add',
        properties,
        filters:
          kind === 'folder'
            ? []
            : [
                { name: 'Video and audio', extensions: [...MEDIA_EXTENSIONS] },
                { name: 'All files', extensions: ['*'] },
              ],
      };
      const win = window();
      const result =
        win !== null
          ? await dialog.showOpenDialog(win, options)
          : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },

    async revealOutput(jobId) {
      // Only a job's own output, never a path the renderer names.
      const job = (await engine.jobs.list()).find((candidate) => candidate.id === jobId);
      if (job === undefined) throw new Error('That job is no longer in the queue.');
      if (job.output === null) throw new Error('This job has no output file yet.');
      if (!existsSync(job.output))
        throw new Error('The output file is no longer where it was written.');
      shell.showItemInFolder(job.output);
    },

    async cancelAll() {
      const ids = (await engine.jobs.list())
        .filter((job) => !isTerminal(job.status))
        .map((job) => job.id);
      if (ids.length > 0) await engine.jobs.cancel({ ids });
    },

    report(error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error('[framewright]', error);
      const win = window();
      const options = {
        type: 'error' as const,
        message: 'Framewright could not do that.',
        detail: message,
      };
      void (win !== null ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
    },
  };
}
