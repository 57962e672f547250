import { spawn } from 'node:child_process';
import { cpuGroup } from './cpu.mjs';

// Timing helpers: run a program, time it with a monotonic clock and count the CPU time of
// its whole process tree, alternate contenders.

/**
 * Runs a program to completion; resolves to { ms, cpuMs, code, stdout, stderr }: wall time
 * and the CPU time (user + system) of everything it started (null where not measurable).
 */
export async function timed(program, args, options = {}) {
  const group = cpuGroup();
  try {
    const [command, argv] = group ? group.wrap(program, args) : [program, args];
    const result = await run(command, argv, options, `${program} ${args.slice(0, 6).join(' ')}…`);
    return { ...result, cpuMs: group ? group.cpuMs() : null };
  } finally {
    group?.close();
  }
}

function run(program, args, options, name) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const result = {
        ms: performance.now() - started,
        code: code ?? signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (code !== 0 && !options.allowFailure)
        reject(new Error(`${name} exited ${result.code}\n${result.stderr.slice(-2000)}`));
      else resolve(result);
    });
  });
}

/** Runs a shell snippet (only for the hand-written contenders: loops and xargs). */
export function timedShell(script, options = {}) {
  return timed('bash', ['-c', script], options);
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs each contender `reps` times, alternating the order every repetition
 * (A B C, C B A, A B C…) so that drift in machine load falls on all of them.
 * `contenders` maps a name to an async function returning milliseconds, or a `timed`
 * result ({ ms, cpuMs }). Resolves to { name: { runs: [ms…], medianMs, cpuRuns, medianCpuMs } }
 * (the CPU figures null where not measured).
 */
export async function alternate(contenders, reps, { before } = {}) {
  const names = Object.keys(contenders);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      if (before) await before(name, rep);
      const result = await contenders[name](rep);
      runs[name].push(typeof result === 'number' ? result : result.ms);
      cpu[name].push(typeof result === 'number' ? null : result.cpuMs);
    }
  }
  const summary = (n) => {
    const measured = cpu[n].every((v) => v !== null && v !== undefined);
    return {
      runs: runs[n].map(round),
      medianMs: round(median(runs[n])),
      cpuRuns: measured ? cpu[n].map(round) : null,
      medianCpuMs: measured ? round(median(cpu[n])) : null,
    };
  };
  return Object.fromEntries(names.map((n) => [n, summary(n)]));
}

/** The CPU-time ratio of two contenders' medians (`top` over `bottom`); null when not measured. */
export function cpuRatio(runs, top, bottom) {
  const a = runs[top].medianCpuMs;
  const b = runs[bottom].medianCpuMs;
  return a === null || b === null ? null : round(a / b, 3);
}

export const round = (value, digits = 1) => Number(value.toFixed(digits));

/** The machine's load while the bench runs: 1-minute load average per core. */
export async function loadPerCore() {
  const os = await import('node:os');
  return round(os.loadavg()[0] / os.availableParallelism(), 2);
}
