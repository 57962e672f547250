import { fork } from 'node:child_process';
import type { MainToWorker } from '../../app/worker/protocol';
import { workerEnv } from '../../platform/env';

/**
 * The channel to one worker process. `child_process.fork` here; Electron's
 * utilityProcess implements the same shape in main/electron.
 */
export interface WorkerPort {
  readonly pid: number | undefined;
  send(message: MainToWorker): void;
  onMessage(listener: (raw: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export type WorkerLauncher = () => WorkerPort;

/**
 * V8 flags for Framewright's long-running Node processes (worker, web host). By default V8
 * grows the young generation to 3 × 16 MB under message traffic and keeps several MB of
 * old-space headroom, so a 500-job soak grew RSS by ~20 MB per process while heap
 * snapshots stayed flat (no object retained). These flags cap the young generation, favour
 * size, and expose `gc` for one collection when the process goes idle (IdleCollector in
 * app/util/idle-gc.ts); the soak then grows host and worker by a few MB together.
 * bin/framewright.js, scripts/start.sh and the bench start the web host the same way.
 */
export const LONG_RUNNING_V8_FLAGS = [
  '--max-semi-space-size=2',
  '--optimize-for-size',
  '--expose-gc',
];

/** Starts the worker bundle (dist/worker.js) as a forked Node process. */
export function forkLauncher(workerPath: string): WorkerLauncher {
  return () => {
    const child = fork(workerPath, [], {
      env: workerEnv(),
      execArgv: [
        ...process.execArgv,
        ...LONG_RUNNING_V8_FLAGS.filter((flag) => !process.execArgv.includes(flag)),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (child.connected) child.send(message);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        child.on('exit', listener);
      },
      kill(signal = 'SIGTERM') {
        child.kill(signal);
      },
    };
  };
}
