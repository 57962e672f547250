import { utilityProcess } from 'electron';
import type { MainToWorker } from '../../app/worker/protocol';
import { workerEnv } from '../../platform/env';
import { LONG_RUNNING_V8_FLAGS, type WorkerLauncher, type WorkerPort } from '../engine/worker-port';

// Starts the worker bundle (dist/worker.js) as an Electron utility process: the same
// WorkerPort shape as forkLauncher in main/engine/worker-port.ts, so the engine does not
// know which host it runs in. The worker reads messages from process.parentPort.

export function utilityLauncher(workerPath: string): WorkerLauncher {
  return (): WorkerPort => {
    const child = utilityProcess.fork(workerPath, [], {
      serviceName: 'Framewright worker',
      env: workerEnv(),
      execArgv: LONG_RUNNING_V8_FLAGS,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.on('error', (type, location) => {
      console.error(`[framewright] worker ${type} at ${location}`);
    });

    return {
      get pid() {
        return child.pid;
      },
      send(message: MainToWorker) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', (message: unknown) => listener(message));
      },
      onExit(listener) {
        // A utility process reports only its exit code, never the signal.
        child.once('exit', (code) => listener(code, null));
      },
      kill(signal = 'SIGTERM') {
        if (exited) return;
        // utilityProcess.kill() asks the process to end (SIGTERM on POSIX). The engine's
        // escalation to SIGKILL goes straight to the pid.
        if (signal === 'SIGKILL' && child.pid !== undefined) {
          try {
            process.kill(child.pid, 'SIGKILL');
            return;
          } catch {
            // already gone, or not ours to signal: fall back to kill()
          }
        }
        child.kill();
      },
    };
  };
}
