import {
  MainToWorkerSchema,
  WORKER_METHODS,
  type BinarySettings,
  type ToolchainReport,
  type WorkerParams,
} from '../../app/worker/protocol';
import { UserFacingError, serializeError } from '../../app/util/errors';
import { resolveBinary } from '../binaries';
import { factsWritten } from '../fact-cache';
import { removeFifoPool } from '../fifo-pool';
import { analyzeFile } from '../analyze';
import { availableMemory } from '../memory';
import { hardwareMatrix } from '../hardware/matrix';
import { probeFile } from '../probe';
import { observeChildren } from '../process/run-program';
import { runSteps, type Toolchain } from '../run-steps';
import { prepareSandbox } from '../sandbox';
import { parentChannel } from './channel';
import { IdleCollector } from '../../app/util/idle-gc';
import { programEnv } from '../../platform/env';

// The worker process: the only code that starts programs. It validates every message,
// runs requests concurrently, and cancels by request id.

const channel = parentChannel();
const collector = new IdleCollector();
const inflight = new Map<number, { controller: AbortController; done: Promise<void> }>();
observeChildren((pid, alive) => channel.send({ type: 'child', pid, alive }));
let toolchain: Promise<{ report: ToolchainReport; tools: Toolchain | null }> | null = null;

async function configure(
  settings: BinarySettings,
): Promise<{ report: ToolchainReport; tools: Toolchain | null }> {
  const problems: string[] = [];
  const ffmpeg = await resolveBinary('ffmpeg', settings, process.env, problems);
  const ffprobe = await resolveBinary('ffprobe', settings, process.env, problems);
  const env = programEnv();
  const sandbox = await prepareSandbox(env);
  const report: ToolchainReport = {
    ffmpeg,
    ffprobe,
    problems,
    sandbox: sandbox.info,
    platform: `${process.platform}-${process.arch}`,
  };
  const tools =
    ffmpeg && ffprobe ? { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, env, sandbox } : null;
  return { report, tools };
}

async function requireTools(): Promise<Toolchain> {
  toolchain ??= configure({});
  const { tools, report } = await toolchain;
  if (tools === null)
    throw new UserFacingError(report.problems.at(-1) ?? 'FFmpeg was not found.', 'no-ffmpeg');
  return tools;
}

/** Validates a request's params, with a readable error instead of a schema dump. */
function paramsFor<M extends keyof typeof WORKER_METHODS>(
  method: M,
  raw: unknown,
): WorkerParams<M> {
  const parsed = WORKER_METHODS[method].params.safeParse(raw);
  if (parsed.success) return parsed.data as WorkerParams<M>;
  const issue = parsed.error.issues[0];
  throw new Error(
    `Invalid ${method} request: ${issue?.path.join('.') || 'params'}: ${issue?.message ?? 'invalid'}`,
  );
}

async function serve(
  method: keyof typeof WORKER_METHODS,
  rawParams: unknown,
  signal: AbortSignal,
  id: number,
): Promise<unknown> {
  switch (method) {
    case 'configure': {
      toolchain = configure(paramsFor('configure', rawParams));
      return (await toolchain).report;
    }
    case 'probe': {
      const params = paramsFor('probe', rawParams);
      const tools = await requireTools();
      return probeFile(tools, params.path, params.timeoutMs, signal, params.scanResolution);
    }
    case 'hardware': {
      const params = paramsFor('hardware', rawParams);
      const tools = await requireTools();
      const { report } = await (toolchain ?? configure({}));
      if (report.ffmpeg === null)
        throw new UserFacingError(report.problems.at(-1) ?? 'FFmpeg was not found.', 'no-ffmpeg');
      return hardwareMatrix({
        ffmpeg: report.ffmpeg,
        env: tools.env,
        wrap: (program, args, access) => tools.sandbox.wrap(program, args, access),
        samplesDir: params.samplesDir,
        previous: params.previous,
        refresh: params.refresh,
      });
    }
    case 'run': {
      const params = paramsFor('run', rawParams);
      const tools = await requireTools();
      return runSteps(
        tools,
        params,
        signal,
        (progress) => channel.send({ type: 'progress', id, progress }),
        (batch) => channel.send({ type: 'frame-stats', id, batch }),
      );
    }
    case 'analyze': {
      const params = paramsFor('analyze', rawParams);
      return analyzeFile(await requireTools(), params, signal);
    }
    case 'memory':
      return availableMemory(programEnv());
  }
}

channel.onMessage((raw) => {
  const parsed = MainToWorkerSchema.safeParse(raw);
  if (!parsed.success) return; // not ours: ignore rather than crash
  const message = parsed.data;
  if (message.type === 'shutdown') {
    void stopEverything().then(() => process.exit(0));
    return;
  }
  if (message.type === 'cancel') {
    inflight.get(message.id)?.controller.abort();
    return;
  }
  collector.busy();
  const controller = new AbortController();
  const done = serve(message.method, message.params, controller.signal, message.id)
    .then((result) => channel.send({ type: 'result', id: message.id, result }))
    .catch((error: unknown) =>
      channel.send({ type: 'error', id: message.id, error: serializeError(error) }),
    )
    .finally(() => {
      inflight.delete(message.id);
      if (inflight.size === 0) collector.idle();
    });
  inflight.set(message.id, { controller, done });
});

/** Cancels every request and waits until each program it started is gone. */
async function stopEverything(): Promise<void> {
  const running = [...inflight.values()];
  for (const { controller } of running) controller.abort();
  await Promise.allSettled(running.map(({ done }) => done));
  removeFifoPool();
  await factsWritten();
}

// If the main process goes away, take every program down with us.
channel.onDisconnect(() => {
  void stopEverything().then(() => process.exit(0));
});

// Ctrl-C in a terminal reaches the whole process group: the main process decides
// what to cancel, so the worker must not die underneath it.
process.on('SIGINT', () => undefined);

channel.send({ type: 'ready', pid: process.pid });
