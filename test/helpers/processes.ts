import { readFileSync, readdirSync } from 'node:fs';

// Reads /proc to prove that no process outlived its job (Linux).

interface ProcInfo {
  pid: number;
  pgid: number;
  ppid: number;
  cmdline: string;
}

export function processes(): ProcInfo[] {
  const list: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      if (state === 'Z') continue; // a zombie is already dead
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      list.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]), cmdline });
    } catch {
      // exited while we looked
    }
  }
  return list;
}

/** Processes whose command line mentions `marker` (e.g. a test's temp folder). */
export function processesMentioning(marker: string): ProcInfo[] {
  return processes().filter((p) => p.cmdline.includes(marker) && p.pid !== process.pid);
}

export function processesInGroup(pgid: number): ProcInfo[] {
  return processes().filter((p) => p.pgid === pgid);
}

/** Polls (bounded) until `check` is true; used for OS state that has no event to wait on. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

export function openFdCount(): number {
  return readdirSync('/proc/self/fd').length;
}
