import { z } from 'zod';
import { JobSettingsSchema } from '../jobs/settings';

// Watch folders: what the api carries (app/api/contract.ts `watch.*`) and the engine
// keeps in its state folder. Paths are checked for shape here; the engine checks that
// the folder exists when one is saved.

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;
const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(ABSOLUTE, 'must be an absolute path (starting with / or a drive letter)');

/** An extension without its dot, lower case: `mkv`. */
const Extension = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,15}$/, 'must be an extension such as mkv, without the dot');

export const WatchFolderSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  /** The folder watched (absolute). */
  folder: AbsolutePath,
  presetId: z.string().min(1).max(200),
  /** Where its outputs go (absolute); the web host puts them in its own output folder. */
  outDir: AbsolutePath,
  enabled: z.boolean(),
  /** Watch the folders inside it too. */
  subfolders: z.boolean(),
  /** Files smaller than this are left alone (samples, thumbnails). */
  minSizeBytes: z.number().int().min(0).max(1e15),
  /** Only these extensions; absent: every media extension the engine knows (app/media/extensions.ts). */
  extensions: z.array(Extension).min(1).max(200).optional(),
  /** What its jobs change from the preset, as `convert`'s job options. */
  settings: JobSettingsSchema.optional(),
});
export type WatchFolder = z.infer<typeof WatchFolderSchema>;

/** A folder to save: without an id it is added, with one it replaces that folder. */
export const WatchFolderInputSchema = WatchFolderSchema.extend({
  id: WatchFolderSchema.shape.id.optional(),
});

export const WatchStatusSchema = z.enum(['watching', 'starting', 'vanished', 'disabled']);
export type WatchStatus = z.infer<typeof WatchStatusSchema>;

export const WatchFolderStateSchema = z.object({
  folder: WatchFolderSchema,
  status: WatchStatusSchema,
  /** The last thing worth a sentence (a permission error, the folder vanishing), or null. */
  note: z.string().nullable(),
  /** Files taken and converted since the host started. */
  taken: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
});
export type WatchFolderState = z.infer<typeof WatchFolderStateSchema>;

export const WatchOverviewSchema = z.object({
  folders: z.array(WatchFolderStateSchema),
  /** Where folders may be watched from here; null: anywhere (the desktop app). */
  allowedRoots: z.array(z.string()).nullable(),
  /** The output folder every watch folder uses here (the web host's); null: each its own. */
  fixedOutDir: z.string().nullable(),
});
export type WatchOverview = z.infer<typeof WatchOverviewSchema>;

/** A person's list (`.MKV, mp4 mov`) as extensions; undefined when empty (the default list). */
export function parseExtensions(text: string): string[] | undefined {
  const list = text
    .split(/[\s,;]+/)
    .map((item) => item.replace(/^\*?\./, '').toLowerCase())
    .filter((item) => item !== '');
  return list.length === 0 ? undefined : [...new Set(list)];
}

export type WatchFolderInput = z.input<typeof WatchFolderInputSchema>;

/** A folder's rules in a line: "mkv, mov · at least 10 MB · subfolders too". */
export function describeRules(
  folder: Pick<WatchFolder, 'extensions' | 'minSizeBytes' | 'subfolders'>,
  formatBytes: (bytes: number) => string,
): string {
  return [
    folder.extensions === undefined ? 'every video and audio file' : folder.extensions.join(', '),
    ...(folder.minSizeBytes > 0 ? [`at least ${formatBytes(folder.minSizeBytes)}`] : []),
    folder.subfolders ? 'subfolders too' : 'this folder only',
  ].join(' · ');
}
