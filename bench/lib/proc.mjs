import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// What a process holds, read from /proc (Linux): descendants, open fds, resident memory.

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? null : Number(fields[1]);
  } catch {
    return null;
  }
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '?';
  }
}

/** Every live descendant of `root` as { pid, command }. */
export function descendants(root) {
  const parents = new Map();
  for (const entry of readdirSync('/proc'))
    if (/^\d+$/.test(entry)) parents.set(Number(entry), parentOf(Number(entry)));
  const found = [];
  const walk = (pid) => {
    for (const [child, parent] of parents)
      if (parent === pid) {
        found.push({ pid: child, command: commandOf(child) });
        walk(child);
      }
  };
  walk(root);
  return found;
}

export function fdCount(pid) {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

export function rssMb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Framewright's temporaries: FIFOs the worker `workerPid` made in the temp folder (their
 * names carry its pid; other people's runs on this machine are not counted) and
 * temporary outputs in `outDir`.
 */
export function tempFiles(outDir, workerPid) {
  const found = [];
  const tmp = os.tmpdir();
  for (const name of readdirSync(tmp)) {
    if (!name.startsWith('framewright-') || name.startsWith('framewright-bench-')) continue;
    try {
      for (const inner of readdirSync(path.join(tmp, name)))
        if (inner.includes(`-${workerPid}-`)) found.push(path.join(tmp, name, inner));
    } catch {
      // a file, or gone
    }
  }
  for (const name of readdirSync(outDir))
    if (name.includes('.framewright-') || name.endsWith('.part') || name.endsWith('.parts'))
      found.push(path.join(outDir, name));
  return found;
}
