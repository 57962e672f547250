import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

// Starts the real web host as a person would: `framewright serve` on port 0 with its own
// --out and --state-dir, and waits for the line that names its address.

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Host {
  url: string;
  process: ChildProcess;
  /** Asks the host to stop (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the host outright (SIGKILL), as a crash or power cut would. */
  kill(): Promise<void>;
}

export interface HostOptions {
  outDir: string;
  stateDir: string;
  host?: string;
  /** Runs the queue in this farm (`serve --farm URL`). */
  farm?: string;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startHost({ outDir, stateDir, host, farm }: HostOptions): Promise<Host> {
  const args = [
    path.join(ROOT, 'dist', 'cli.js'),
    'serve',
    '--port',
    '0',
    '--out',
    outDir,
    '--state-dir',
    stateDir,
  ];
  if (host !== undefined) args.push('--host', host);
  if (farm !== undefined) args.push('--farm', farm);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  // A host must never outlive the test run, even when a hook fails.
  const reap = (): void => void child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /https?:\/\/\S+/.exec(line);
      if (match !== null) resolve(match[0]);
    });
    child.once('exit', (code) =>
      reject(new Error(`The web host exited (${code}) before serving:\n${stderr}`)),
    );
  });
  child.stdout.resume();
  return {
    url,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
