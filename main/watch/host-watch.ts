import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { FramewrightApi } from '../../app/api/contract';
import { UserFacingError } from '../../app/util/errors';
import { WatchFolderSchema, type WatchFolder, type WatchOverview } from '../../app/watch/model';
import { DAMAGED, readJson, writeFileAtomic } from '../../platform/atomic-file';
import type { HostApi } from '../api/host-api';
import { Emitter } from '../engine/emitter';
import type { FolderWatchTimes } from './folder-watch';
import { LedgerFile } from './ledger-file';
import { WatchService } from './watch-service';

// The api's `watch` service for a host with a state folder (desktop app, web host):
// the folders are kept in watch/folders.json beside state.json, the ledger in
// watch/ledger.json; their watchers start with the engine.

const FoldersFileSchema = z.object({ version: z.literal(1), folders: z.array(z.unknown()) });

export interface HostWatchOptions {
  /** Null (the CLI's in-memory engine): no watch folders. */
  stateDir: string | null;
  jobs: Pick<HostApi['jobs'], 'add' | 'start' | 'onUpdate'>;
  /** Throws a sentence when the preset does not exist. */
  requirePreset: (id: string) => void;
  /** Sentences for the host's log (permission errors, a folder vanishing). */
  log: (sentence: string) => void;
  settleMs?: number;
  times?: Partial<FolderWatchTimes>;
}

export interface HostWatch {
  api: FramewrightApi['watch'];
  close(): Promise<void>;
}

/** The default settle time: size and mtime unchanged this long. */
export const DEFAULT_SETTLE_SEC = 5;

export async function hostWatch(options: HostWatchOptions): Promise<HostWatch> {
  const changed = new Emitter<WatchOverview>();
  const dir = options.stateDir === null ? null : path.join(options.stateDir, 'watch');
  const file = dir === null ? null : path.join(dir, 'folders.json');
  const ledger = new LedgerFile(dir === null ? null : path.join(dir, 'ledger.json'), options.log);
  let folders: WatchFolder[] = [];
  if (file !== null) {
    const raw = await readJson(file);
    const parsed = FoldersFileSchema.safeParse(raw === DAMAGED ? null : raw);
    if (raw !== undefined && !parsed.success)
      options.log(`The watch folders saved in ${file} could not be read; none is watched.`);
    for (const candidate of parsed.success ? parsed.data.folders : []) {
      const folder = WatchFolderSchema.safeParse(candidate);
      if (folder.success) folders.push(folder.data);
    }
  }
  const service = new WatchService({
    jobs: options.jobs,
    ledger,
    settleMs: options.settleMs ?? DEFAULT_SETTLE_SEC * 1000,
    ...(options.times === undefined ? {} : { times: options.times }),
  });
  const overview = (): WatchOverview => ({
    folders: service.states(),
    allowedRoots: null,
    fixedOutDir: null,
  });
  service.events.on((event) => {
    if (event.type === 'note') options.log(event.message);
  });
  service.changed.on(() => changed.emit(overview()));
  await service.setFolders(folders);

  async function store(next: WatchFolder[]): Promise<WatchOverview> {
    if (dir === null || file === null)
      throw new UserFacingError(
        'Watch folders need a host that keeps its state; on the command line use `framewright watch`.',
        'no-state',
      );
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ version: 1, folders: next }));
    folders = next;
    await service.setFolders(folders);
    return overview();
  }

  return {
    api: {
      list: () => Promise.resolve(overview()),
      async save({ folder: input }) {
        // A new folder must exist; one already saved may be paused or changed while it is away.
        const known = folders.find((f) => f.id === input.id)?.folder === input.folder;
        const info = known ? null : await stat(input.folder).catch(() => null);
        if (!known && info?.isDirectory() !== true)
          throw new UserFacingError(`The folder ${input.folder} does not exist.`, 'no-folder');
        try {
          options.requirePreset(input.presetId);
        } catch (error) {
          throw new UserFacingError((error as Error).message, 'no-preset');
        }
        if (input.settings?.folder === 'beside-source')
          throw new UserFacingError(
            'A watch folder writes into its output folder: beside the source, it would convert its own outputs again.',
            'forbidden',
          );
        const folder: WatchFolder = { ...input, id: input.id ?? randomUUID() };
        const at = folders.findIndex((f) => f.id === folder.id);
        return store(at < 0 ? [...folders, folder] : folders.with(at, folder));
      },
      remove: ({ id }) => store(folders.filter((f) => f.id !== id)),
      onChanged: changed.on,
    },
    close: () => service.close(),
  };
}
