import { useCallback, useEffect, useState } from 'react';
import type { WatchFolderInput, WatchOverview } from '../../../app/watch/model';
import { useAppStore } from '../../store/context';
import { messageOf } from '../../store/types';

/** The host's watch folders, kept current by `watch.changed`; save and remove report failures as notices. */
export function useWatchFolders(): {
  overview: WatchOverview | null;
  save: (folder: WatchFolderInput) => Promise<boolean>;
  remove: (id: string) => Promise<void>;
} {
  const api = useAppStore((s) => s.host.api);
  const notify = useAppStore((s) => s.notify);
  const [overview, setOverview] = useState<WatchOverview | null>(null);

  useEffect(() => {
    const off = api.watch.onChanged(setOverview);
    api.watch
      .list()
      .then(setOverview)
      .catch((error: unknown) =>
        notify('error', `The watch folders could not be read: ${messageOf(error)}`),
      );
    return off;
  }, [api, notify]);

  const save = useCallback(
    async (folder: WatchFolderInput): Promise<boolean> => {
      try {
        setOverview(await api.watch.save({ folder }));
        return true;
      } catch (error) {
        notify('error', messageOf(error));
        return false;
      }
    },
    [api, notify],
  );
  const remove = useCallback(
    async (id: string): Promise<void> => {
      try {
        setOverview(await api.watch.remove({ id }));
      } catch (error) {
        notify('error', messageOf(error));
      }
    },
    [api, notify],
  );
  return { overview, save, remove };
}
