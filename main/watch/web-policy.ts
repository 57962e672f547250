import type { FramewrightApi } from '../../app/api/contract';
import type { JobSettings } from '../../app/jobs/settings';
import { UserFacingError } from '../../app/util/errors';
import type { WatchOverview } from '../../app/watch/model';
import { isInsideReal } from '../server/paths';

// The web host's rule for watch folders: a browser may watch only folders inside the
// roots the server was started with (`serve --watch-root`), and their outputs go to the
// server's output folder, as every other job's.

export interface WatchPolicyOptions {
  /** Real paths; empty: the browser can watch nothing. */
  roots: readonly string[];
  outDir: string;
  checkSettings: (settings: JobSettings | undefined) => void;
}

export function watchPolicy(
  watch: FramewrightApi['watch'],
  { roots, outDir, checkSettings }: WatchPolicyOptions,
): FramewrightApi['watch'] {
  const shown = (overview: WatchOverview): WatchOverview => ({
    ...overview,
    allowedRoots: [...roots],
    fixedOutDir: outDir,
  });
  return {
    list: async () => shown(await watch.list()),
    async save({ folder }) {
      if (!(await isInsideReal(roots, folder.folder)))
        throw new UserFacingError(
          roots.length === 0
            ? 'This server watches no folders; start it with --watch-root DIR to allow folders under DIR.'
            : `This server watches only folders under ${roots.join(', ')}.`,
          'forbidden',
        );
      checkSettings(folder.settings);
      return shown(await watch.save({ folder: { ...folder, outDir } }));
    },
    remove: async (input) => shown(await watch.remove(input)),
    onChanged: (listener) => watch.onChanged((overview) => listener(shown(overview))),
  };
}
