import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { PreviewResult } from '../../../app/api/contract';
import type { JobSettings } from '../../../app/jobs/settings';
import { formatBytes } from '../../../app/util/format';
import { parseTimeValue } from '../../../app/util/time-value';
import { analyzeSource } from '../../engine/analyze';
import { chooseEncoder } from '../../engine/host-plan';
import { PreviewService, previewsFolder } from '../../engine/preview';
import { WorkerSupervisor } from '../../engine/supervisor';
import { forkLauncher } from '../../engine/worker-port';
import { cliEngine } from '../engine-for-cli';
import { workerPath } from '../paths';
import { requireTools } from '../tools-check';
import { BadInputError, UsageError } from '../usage';

// `framewright preview <file> --preset ID [settings flags] --out DIR [--at T,T,…]
// [--clip SECONDS] [--json]`: before/after PNG pairs and a clip through the job's real
// plan, written into DIR, and the whole output's estimated size.

export interface PreviewFlags {
  files: string[];
  presetId: string | undefined;
  presetFiles: string[];
  out: string | undefined;
  settings: JobSettings | undefined;
  at: string | undefined;
  clip: string | undefined;
  json: boolean;
}

/** What Ctrl-C stops: the preview (its partial files go), then the engine. */
export interface Disposable {
  dispose(): Promise<void>;
}

function positions(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map(parseTimeValue);
  if (list.length > 20 || list.some((t) => t === null))
    throw new UsageError(
      '--at takes up to 20 positions, each seconds or [h:]m:s[.ms], e.g. 5,1:30.',
    );
  return list as number[];
}

function clipSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 120)
    throw new UsageError('--clip needs a number of seconds above 0 and at most 120.');
  return n;
}

function printHuman(result: PreviewResult): void {
  const lines = result.stills.flatMap((s) => [
    path.join(result.folder, s.before),
    path.join(result.folder, s.after),
  ]);
  lines.push(path.join(result.folder, result.clip.file));
  if (result.clip.playable === false)
    lines.push('note: a browser cannot play this preset’s format; other players can.');
  lines.push(`Estimated size of the whole output: ${formatBytes(result.estimatedBytes)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function previewCommand(
  flags: PreviewFlags,
  onActive: (running: Disposable) => void,
): Promise<number> {
  const [file, ...rest] = flags.files;
  if (file === undefined || rest.length > 0)
    throw new UsageError('preview needs exactly one file.');
  if (flags.presetId === undefined)
    throw new UsageError('preview needs --preset <id> (see `framewright presets`).');
  if (flags.out === undefined) throw new UsageError('preview needs --out <dir>.');
  const at = positions(flags.at);
  const clipSec = clipSeconds(flags.clip);
  const settings = flags.settings ?? {};

  const engine = await cliEngine({}, flags.presetFiles);
  const supervisor = new WorkerSupervisor(forkLauncher(workerPath));
  const stallTimeoutMs = (await engine.settings.get()).stallTimeoutSec * 1000;
  // Files go straight into --out (make's folder); the service's own folder stays unused.
  const service = new PreviewService({
    supervisor,
    folder: previewsFolder(null),
    stallTimeoutMs: () => stallTimeoutMs,
  });
  const stopping = new AbortController();
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      stopping.abort();
      await service.dispose();
      await supervisor.stop();
      await engine.dispose();
    })());
  onActive({ dispose: stop });
  try {
    let preset;
    try {
      preset = engine.presetStore.require(flags.presetId);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    await requireTools(engine);
    const [probed] = await engine.media.probe({ paths: [path.resolve(file)] });
    if (probed === undefined || !probed.ok)
      throw new BadInputError(probed?.error ?? `${file} could not be read.`);
    const info = probed.info;
    const wantsAnalysis = settings.crop === 'auto' || settings.deinterlace === 'auto';
    const analysis = wantsAnalysis
      ? await analyzeSource(supervisor, info, {
          timeoutMs: stallTimeoutMs,
          signal: stopping.signal,
        })
      : null;
    const encoder = await chooseEncoder(preset, {
      tested: () => engine.hardware.inspect({ refresh: false }),
      saved: () => engine.hardware.saved(),
    });
    const result = await service.make({
      request: { requestId: randomUUID(), jobId: 'cli', at, clipSec },
      info,
      preset,
      settings,
      analysis,
      hardware: encoder.hw,
      folder: path.resolve(flags.out),
    });
    if (flags.json)
      process.stdout.write(
        `${JSON.stringify({
          ...result,
          files: [...result.stills.flatMap((s) => [s.before, s.after]), result.clip.file].map(
            (name) => path.join(result.folder, name),
          ),
        })}\n`,
      );
    else printHuman(result);
    return 0;
  } finally {
    await stop();
  }
}
