import { mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PreviewRequest, PreviewResult } from '../../app/api/contract';
import type { HardwareEncoder } from '../../app/hardware/encoder-args';
import type { ResolutionPolicy } from '../../app/jobs/job';
import type { Analysis, JobSettings } from '../../app/jobs/settings';
import type { MediaInfo } from '../../app/media/model';
import type { Preset } from '../../app/presets/schema';
import { UserFacingError } from '../../app/util/errors';
import { createLimiter } from '../../app/util/limit';
import { planPreview, timeLabel } from './preview-plan';
import type { WorkerSupervisor } from './supervisor';

// Before/after stills and a short clip through a job's real plan, made by the worker
// beside the queue (no queue slot), one request at a time, cancellable. Each request has
// its own folder under the previews folder; a failed or cancelled request leaves nothing,
// only the last few requests are kept, and dispose removes them all.

/** Where a host keeps previews: beside its state, or in a temporary folder of this process. */
export function previewsFolder(stateDir: string | null): string {
  return stateDir === null
    ? path.join(os.tmpdir(), `framewright-previews-${process.pid}`)
    : path.join(stateDir, 'previews');
}

/** Requests whose files are kept; older ones are removed when a new one starts. */
const KEEP_REQUESTS = 4;

export interface PreviewDeps {
  supervisor: WorkerSupervisor;
  /** Where previews live, one subfolder per request. */
  folder: string;
  stallTimeoutMs: () => number;
}

export interface MakePreview {
  request: PreviewRequest;
  info: MediaInfo;
  preset: Preset;
  settings: JobSettings;
  analysis: Analysis | null;
  hardware: HardwareEncoder | null;
  /** The job's resolution policy (default auto). */
  policy?: ResolutionPolicy;
  /** Write into this folder instead of a request folder (the CLI's --out); not pruned. */
  folder?: string;
}

/** Containers Chromium plays whatever they hold (of what a preset can put there). */
const BROWSER_CONTAINERS: ReadonlySet<Preset['container']> = new Set([
  'webm',
  'ogg',
  'mp3',
  'flac',
]);

/** True when Chromium's <video> plays what this preset writes (an MP4 or M4A needs H.264 or AV1 video, and audio it decodes). */
export function playsInBrowser(preset: Preset): boolean {
  if (BROWSER_CONTAINERS.has(preset.container)) return true;
  if (preset.container !== 'mp4' && preset.container !== 'ipod') return false;
  const { video, audio } = preset;
  const videoOk =
    video === 'none' ||
    (typeof video === 'object' && (video.codec === 'libx264' || video.codec === 'libsvtav1'));
  return videoOk && typeof audio === 'object';
}

export class PreviewService {
  private readonly running = new Map<string, AbortController>();
  /** Request folders this service made, oldest first. */
  private readonly kept: string[] = [];
  private readonly slot = createLimiter(1);
  private disposed = false;

  constructor(private readonly deps: PreviewDeps) {}

  async make(input: MakePreview): Promise<PreviewResult> {
    const { requestId } = input.request;
    if (this.disposed) throw new UserFacingError('Framewright is shutting down.', 'disposed');
    if (this.running.has(requestId))
      throw new UserFacingError('A preview with this id is already being made.', 'busy');
    const controller = new AbortController();
    this.running.set(requestId, controller);
    try {
      return await this.slot(() => this.makeNow(input, controller.signal));
    } finally {
      this.running.delete(requestId);
    }
  }

  cancel(requestId: string): void {
    this.running.get(requestId)?.abort();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const controller of this.running.values()) controller.abort();
    // The last make() to finish has removed its own files; then the kept ones go.
    await this.slot(() => Promise.resolve());
    await Promise.all(this.kept.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    await rmdir(this.deps.folder).catch(() => undefined); // only when nothing else is there
  }

  private async makeNow(input: MakePreview, signal: AbortSignal): Promise<PreviewResult> {
    const cancelled = (): UserFacingError => new UserFacingError('Cancelled.', 'cancelled');
    if (signal.aborted) throw cancelled();
    const own = input.folder === undefined;
    const folder = path.resolve(
      input.folder ?? path.join(this.deps.folder, input.request.requestId),
    );
    checkPositions(input);
    // A request id used again starts from an empty folder.
    if (own) await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const before = new Set(await readdir(folder));
    const plan = planPreview({
      info: input.info,
      preset: input.preset,
      settings: input.request.settings ?? input.settings,
      analysis: input.analysis,
      hardware: input.hardware,
      policy: input.policy ?? 'auto',
      folder,
      at: input.request.at,
      clipSec: input.request.clipSec,
    });
    // Everything new in the folder that is not a result goes: encodes, FIFOs, work folders.
    const tidy = async (keep: ReadonlySet<string>): Promise<void> => {
      const names = (await readdir(folder).catch(() => [])).filter(
        (n) => !before.has(n) && !keep.has(n),
      );
      await Promise.all(
        names.map((n) => rm(path.join(folder, n), { recursive: true, force: true })),
      );
    };
    try {
      for (const dir of plan.workDirs) await mkdir(dir, { recursive: true });
      for (const file of plan.files) await writeFile(file.path, file.content);
      const result = await this.deps.supervisor.request(
        'run',
        {
          jobId: `preview-${input.request.requestId}`,
          steps: plan.steps,
          stallTimeoutMs: this.deps.stallTimeoutMs(),
          parallelism: Math.max(1, Math.min(4, Math.floor(os.availableParallelism() / 2))),
          frameStats: false,
        },
        { signal },
      );
      if (signal.aborted) throw cancelled();
      const clipBytes = (await stat(path.join(folder, plan.clip.file))).size;
      const clipOut = result.produced.at(-1)?.outTimeSec ?? 0;
      const clipSec = clipOut > 0 ? clipOut : plan.clip.durationSec;
      const names = [...plan.stills.flatMap((s) => [s.before, s.after]), plan.clip.file];
      await tidy(new Set(names));
      if (own) await this.remember(folder);
      return {
        requestId: input.request.requestId,
        stills: plan.stills.map((s) => ({ ...s, atSec: Number(timeLabel(s.atSec)) })),
        clip: { ...plan.clip, playable: playsInBrowser(input.preset) },
        estimatedBytes: Math.round(
          plan.totalSec === null || clipSec <= 0
            ? clipBytes
            : (clipBytes * plan.totalSec) / clipSec,
        ),
        folder,
      };
    } catch (error) {
      if (own) await rm(folder, { recursive: true, force: true });
      else await tidy(new Set());
      if (signal.aborted) throw cancelled();
      throw error;
    }
  }

  /** Keeps the newest request folders, removing the oldest beyond KEEP_REQUESTS. */
  private async remember(folder: string): Promise<void> {
    const known = this.kept.indexOf(folder);
    if (known >= 0) this.kept.splice(known, 1);
    this.kept.push(folder);
    const old = this.kept.splice(0, Math.max(0, this.kept.length - KEEP_REQUESTS));
    await Promise.all(old.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** Positions must lie in the part of the source the job keeps. */
function checkPositions({ request, info, settings }: MakePreview): void {
  const trim = (request.settings ?? settings).trim;
  const start = trim?.startSec ?? 0;
  const end = Math.min(trim?.endSec ?? Infinity, info.durationSec ?? Infinity);
  const outside = (request.at ?? []).find((t) => t < start || t >= end);
  if (outside !== undefined)
    throw new UserFacingError(
      `The position ${timeLabel(outside)} s is outside the part of the source the job keeps (${timeLabel(start)} to ${Number.isFinite(end) ? `${timeLabel(end)} s` : 'the end'}).`,
      'bad-position',
    );
}
