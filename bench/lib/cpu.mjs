import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import path from 'node:path';

// CPU time of a whole process tree, sandboxed programs included. getrusage (wait4,
// /usr/bin/time) does not count a program that bubblewrap runs in its own PID namespace,
// so each measured command runs in a fresh cgroup (v2 `cpu.stat`, or v1
// `cpuacct.usage`) and the group's total is read when it ends. Needs a writable cgroup
// hierarchy (root on Linux); without one the CPU figures are null.

const V2 = '/sys/fs/cgroup';
const V1 = '/sys/fs/cgroup/cpuacct';

function hierarchy() {
  if (existsSync(path.join(V2, 'cgroup.controllers'))) return { root: V2, v2: true };
  if (existsSync(path.join(V1, 'cpuacct.usage'))) return { root: V1, v2: false };
  return null;
}

const found = hierarchy();
let serial = 0;

/**
 * A fresh cgroup for one command: `wrap` turns [program, args] into a command that joins
 * the group and then runs it; `cpuMs()` reads the group's CPU time; `close()` removes it.
 * Null when no cgroup can be made here.
 */
export function cpuGroup() {
  if (found === null) return null;
  const dir = path.join(found.root, `framewright-bench-${process.pid}-${serial++}`);
  try {
    mkdirSync(dir);
  } catch {
    return null;
  }
  return {
    wrap: (program, args) => [
      '/bin/sh',
      ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', dir, program, ...args],
    ],
    cpuMs: () => {
      if (found.v2) {
        const line = readFileSync(path.join(dir, 'cpu.stat'), 'utf8').match(/usage_usec (\d+)/);
        return line ? Number(line[1]) / 1000 : null;
      }
      return Number(readFileSync(path.join(dir, 'cpuacct.usage'), 'utf8')) / 1e6;
    },
    close: () => {
      try {
        rmdirSync(dir);
      } catch {
        // a process still in it (it outlived its command): left for the OS
      }
    },
  };
}
