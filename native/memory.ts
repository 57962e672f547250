import { parseVmStat } from '../app/util/available-memory';
import { UserFacingError } from '../app/util/errors';
import { runQuick } from './hardware/run-quick';

// Available memory where reading it needs a program: macOS's vm_stat (Node's os.freemem()
// there counts only completely free pages). Linux and Windows are read in main.

export async function availableMemory(env: Record<string, string>): Promise<number> {
  if (process.platform !== 'darwin') {
    throw new UserFacingError('Only macOS measures available memory in the worker.', 'refused');
  }
  const run = await runQuick('vm_stat', [], 2000, env);
  const bytes = run.exitCode === 0 ? parseVmStat(run.stdout) : null;
  if (bytes === null) {
    throw new UserFacingError(
      `vm_stat gave no memory figures (exit ${run.exitCode ?? 'none'}${run.timedOut ? ', timed out' : ''}).`,
      'vm-stat',
    );
  }
  return bytes;
}
