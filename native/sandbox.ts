import { accessSync, constants, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileIdentity, recall, remember } from './fact-cache';
import type { SandboxInfo } from '../app/worker/protocol';
import { runProgram } from './process/run-program';

// Confines ffmpeg/ffprobe with bubblewrap on Linux: no network, a read-only system,
// only the job's input readable, only its output folder writable, and death with its
// parent. Elsewhere, or without bubblewrap, programs run with the protocol whitelist
// only, and doctor, the UI and every job log say so (docs/ARCHITECTURE.md, Sandbox).

export interface Access {
  /** Files or folders the program may read. */
  reads: readonly string[];
  /** Folders the program may write (and read). */
  writes: readonly string[];
}

export interface Sandbox {
  info: SandboxInfo;
  wrap(
    program: string,
    args: readonly string[],
    access: Access,
  ): { program: string; args: string[]; diesWithParent?: boolean };
}

const NONE_REASONS = {
  os: 'No process sandbox exists for ffmpeg on this operating system; it runs with a protocol whitelist (file and pipe only).',
  missing:
    'bubblewrap is not installed (Debian: apt-get install bubblewrap), so ffmpeg runs unsandboxed with a protocol whitelist (file and pipe only).',
};

function findOnPath(name: string, envPath: string | undefined): string | null {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // keep looking
    }
  }
  return null;
}

/** The system as ffmpeg needs it, read-only; merged-/usr symlinks kept as symlinks. */
function systemArgs(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    if (!existsSync(top)) continue;
    const real = realpathSync(top);
    if (real !== top && real.startsWith('/usr/')) args.push('--symlink', real.slice(1), top);
    else args.push('--ro-bind', top, top);
  }
  for (const file of [
    '/etc/ld.so.cache',
    '/etc/ld.so.conf',
    '/etc/ld.so.conf.d',
    '/etc/alternatives',
    '/etc/localtime',
  ]) {
    args.push('--ro-bind-try', file, file);
  }
  // GPU devices and driver information, for hardware encoders and decoders.
  args.push('--ro-bind-try', '/sys', '/sys', '--dev-bind-try', '/dev/dri', '/dev/dri');
  try {
    for (const name of readdirSync('/dev').filter((n) => n.startsWith('nvidia')))
      args.push('--dev-bind-try', `/dev/${name}`, `/dev/${name}`);
  } catch {
    // no /dev listing
  }
  return args;
}

function bubblewrap(bwrap: string, env: Record<string, string>): Sandbox['wrap'] {
  const system = systemArgs();
  return (program, args, access) => {
    const binds: string[] = [];
    const real = realpathSync(program);
    if (!real.startsWith('/usr/')) binds.push('--ro-bind', path.dirname(real), path.dirname(real));
    for (const dir of (env.LD_LIBRARY_PATH ?? '')
      .split(':')
      .filter((d) => d !== '' && existsSync(d)))
      binds.push('--ro-bind', dir, dir);
    for (const file of access.reads) if (existsSync(file)) binds.push('--ro-bind', file, file);
    for (const dir of access.writes)
      if (existsSync(dir) && statSync(dir).isDirectory()) binds.push('--bind', dir, dir);
    const setenv = Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]);
    return {
      program: bwrap,
      args: [
        '--unshare-all', // network, pid, ipc, uts, cgroup and user namespaces
        '--die-with-parent',
        ...system,
        '--proc',
        '/proc',
        '--dev',
        '/dev',
        '--tmpfs',
        '/tmp',
        ...binds,
        '--chdir',
        '/tmp',
        '--clearenv',
        ...setenv,
        '--',
        program,
        ...args,
      ],
      diesWithParent: true,
    };
  };
}

/** Runs `true` in the sandbox: true when it works, else bubblewrap's reason. */
async function tryBubblewrap(
  wrap: Sandbox['wrap'],
  env: Record<string, string>,
): Promise<true | string> {
  const trial = wrap('/usr/bin/true', [], { reads: [], writes: [] });
  const outcome = await runProgram({
    ...trial,
    stallTimeoutMs: 5000,
    timeoutMs: 5000,
    signal: new AbortController().signal,
    env,
  });
  return outcome.reason === 'exit' && outcome.exitCode === 0
    ? true
    : outcome.log.lastLine() || outcome.reason;
}

/** Finds bubblewrap and proves it can build a sandbox here (user namespaces may be off). */
export async function prepareSandbox(env: Record<string, string>): Promise<Sandbox> {
  const unwrapped: Sandbox['wrap'] = (program, args) => ({ program, args: [...args] });
  if (process.platform !== 'linux')
    return { info: { kind: 'none', available: false, reason: NONE_REASONS.os }, wrap: unwrapped };
  const bwrap = findOnPath('bwrap', env.PATH);
  if (bwrap === null)
    return {
      info: { kind: 'none', available: false, reason: NONE_REASONS.missing },
      wrap: unwrapped,
    };
  const wrap = bubblewrap(bwrap, env);
  // Whether namespaces work changes with the kernel and bwrap, not between commands.
  const key = fileIdentity(bwrap, `works on ${os.release()}`);
  const works = recall(key, (v): v is true => v === true) ?? (await tryBubblewrap(wrap, env));
  if (works === true) remember(key, true);
  if (works !== true) {
    const why = works;
    return {
      info: {
        kind: 'none',
        available: false,
        reason: `bubblewrap is installed but cannot build a sandbox here (${why}), so ffmpeg runs unsandboxed with a protocol whitelist.`,
      },
      wrap: unwrapped,
    };
  }
  return {
    info: {
      kind: 'bubblewrap',
      available: true,
      reason: `ffmpeg and ffprobe run inside bubblewrap (${bwrap}): no network, a read-only system, only the input readable and only the output folder writable.`,
    },
    wrap,
  };
}
