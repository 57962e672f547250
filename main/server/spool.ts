import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Job } from '../../app/jobs/job';
import { isInside } from './paths';

/**
 * Deletes the uploaded inputs of removed jobs, and each upload's folder once empty.
 * Never touches anything outside the spool; a folder with other files stays.
 */
export async function cleanSpool(spoolDir: string, removed: readonly Job[]): Promise<void> {
  for (const job of removed) {
    const input = job.spec.input;
    if (!isInside(spoolDir, input) || path.resolve(input) === path.resolve(spoolDir)) continue;
    await rm(input, { force: true }).catch(() => undefined);
    // Then each folder above it that is now empty, up to the spool itself.
    let folder = path.dirname(path.resolve(input));
    while (folder !== path.resolve(spoolDir) && isInside(spoolDir, folder)) {
      const emptied = await rmdir(folder).then(
        () => true,
        () => false,
      );
      if (!emptied) break;
      folder = path.dirname(folder);
    }
  }
}
