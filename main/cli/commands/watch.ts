import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { JobSettings } from '../../../app/jobs/settings';
import { formatBytes } from '../../../app/util/format';
import type { WatchFolder } from '../../../app/watch/model';
import { userPresetsDir } from '../../../platform/folders';
import type { Engine } from '../../engine/engine';
import { DEFAULT_SETTLE_SEC } from '../../watch/host-watch';
import { LedgerFile } from '../../watch/ledger-file';
import { WatchService, type WatchEvent } from '../../watch/watch-service';
import { emit } from '../run-output';
import { UsageError } from '../usage';

export interface WatchOptions {
  dirs: string[];
  presetId: string;
  outDir: string;
  settleSec: number;
  settings?: JobSettings | undefined;
  /** The ledger's folder; default the state folder the CLI shares with the hosts. */
  stateDir?: string | undefined;
  ndjson: boolean;
}

/** `--settle SECONDS`: how long a file must stay unchanged (default DEFAULT_SETTLE_SEC). */
export function settleSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SETTLE_SEC;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.1 || n > 3600)
    throw new UsageError('--settle needs a number of seconds from 0.1 to 3600.');
  return n;
}

function line(event: WatchEvent): string | null {
  switch (event.type) {
    case 'taken':
      return `taken ${event.file}`;
    case 'done': {
      const size = event.job.outputBytes === null ? '' : ` (${formatBytes(event.job.outputBytes)})`;
      return `done ${event.file} → ${event.job.output ?? '?'}${size}`;
    }
    case 'failed':
      return `failed ${event.file}: ${event.job.error ?? event.job.status}`;
    default:
      return null;
  }
}

/**
 * `framewright watch DIR… --preset ID --out DIR`: converts each file that arrives (once
 * it has settled) until Ctrl-C, one line per file taken and per file done or failed.
 */
export async function watchCommand(
  engine: Engine,
  options: WatchOptions,
  onRunning: (running: { dispose(): Promise<void> }) => void,
): Promise<number> {
  const folders: WatchFolder[] = [];
  for (const [i, dir] of options.dirs.entries()) {
    const folder = path.resolve(dir);
    if ((await stat(folder).catch(() => null))?.isDirectory() !== true)
      throw new UsageError(`${dir} is not a folder.`);
    folders.push({
      id: `cli-${i}`,
      folder,
      presetId: options.presetId,
      outDir: path.resolve(options.outDir),
      enabled: true,
      subfolders: true,
      minSizeBytes: 0,
      ...(options.settings === undefined ? {} : { settings: options.settings }),
    });
  }
  const stateDir = options.stateDir ?? path.dirname(userPresetsDir());
  const ledger = new LedgerFile(path.join(stateDir, 'watch', 'cli-ledger.json'), (sentence) =>
    process.stderr.write(`note: ${sentence}\n`),
  );
  const service = new WatchService({
    jobs: engine.jobs,
    ledger,
    settleMs: options.settleSec * 1000,
  });
  onRunning({
    dispose: async () => {
      await service.close();
      await engine.dispose();
    },
  });
  service.events.on((event) => {
    if (event.type === 'observed' || event.type === 'unchanged') return;
    if (options.ndjson) {
      emit(
        event.type === 'done' || event.type === 'failed'
          ? { ...event, job: { ...event.job, log: undefined } }
          : event,
      );
      return;
    }
    if (event.type === 'note') process.stderr.write(`note: ${event.message}\n`);
    else process.stdout.write(`${line(event)}\n`);
  });
  await service.setFolders(folders);
  process.stderr.write(
    `Watching ${folders.map((f) => f.folder).join(', ')} → ${path.resolve(options.outDir)} (preset ${options.presetId}, settle ${options.settleSec} s). Press Ctrl-C to stop.\n`,
  );
  await new Promise<never>(() => undefined); // until a signal ends the process
  return 0;
}
