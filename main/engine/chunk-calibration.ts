import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AUTO_CHUNKS_MIN_GAIN } from '../../app/ffmpeg/chunk-plan';
import { FFMPEG_PREFIX, fileUrl } from '../../app/ffmpeg/safety';
import type { Step } from '../../app/jobs/plan';
import { planJob } from '../../app/plan/plan-job';
import type { Preset, VideoSettings } from '../../app/presets/schema';
import { readJson, writeFileAtomic } from '../../platform/atomic-file';
import { userCacheDir } from '../../platform/folders';
import type { WorkerSupervisor } from './supervisor';

// `--chunks auto`: whether one file encoded in parallel chunks pays on this machine. Measured
// once per encoder setting on a short synthetic clip (one pass against chunks, every run
// through the worker and its sandbox, the real planner's commands) and kept on disk.

const MeasureSchema = z.object({
  /** The chunk count that ran fastest by the required margin; 1 when none did. */
  best: z.number().int().min(1).max(64),
  /** One pass's time over the best count's. */
  speedup: z.number().positive(),
  /** One pass's time over each measured count's, chosen or not. */
  tried: z.record(z.string().max(3), z.number().positive()).default({}),
});
type Measure = z.infer<typeof MeasureSchema>;
const SavedSchema = z.record(z.string().max(400), MeasureSchema);

const STALL_MS = 120_000;
const CLIP_SEC = 4;

/** What the measurement depends on: the encoder, its settings and the cores there are. */
export function calibrationKey(video: VideoSettings): string {
  const { codec, crf, speed = '', pixelFormat = '', extraArgs } = video;
  return [codec, crf, speed, pixelFormat, extraArgs.join(' '), os.availableParallelism()].join('|');
}

function measurePreset(video: VideoSettings): Preset {
  return {
    id: 'chunk-measure',
    name: 'Chunk measure',
    description: '',
    container: 'matroska',
    extension: '.mkv',
    video,
    audio: 'copy',
    allAudioTracks: true,
    subtitles: 'drop',
    faststart: false,
    hardware: 'off',
  };
}

/** A grainy 720p clip with a keyframe every second, so it splits anywhere. */
function clipStep(file: string): Step {
  const size = '1280x720';
  return {
    label: 'Make the measuring clip',
    program: 'ffmpeg',
    args: [
      ...FFMPEG_PREFIX,
      ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30:duration=${CLIP_SEC}`],
      ...['-vf', 'noise=alls=12:allf=t', '-c:v', 'libx264', '-preset', 'ultrafast'],
      ...['-crf', '16', '-g', '30', '-pix_fmt', 'yuv420p', '-f', 'matroska', fileUrl(file)],
    ],
    durationSec: CLIP_SEC,
    weight: 1,
    outputs: [file],
    group: 0,
    expectedFrames: null,
    sourceSize: null,
    access: { reads: [], writes: [path.dirname(file)] },
    timeOffsetSec: 0,
  };
}

async function measure(supervisor: WorkerSupervisor, video: VideoSettings): Promise<Measure> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'framewright-chunks-'));
  const run = async (steps: Step[], parallelism: number): Promise<number> => {
    const started = performance.now();
    await supervisor.request('run', {
      jobId: 'chunk-calibration',
      steps,
      stallTimeoutMs: STALL_MS,
      parallelism,
      frameStats: false,
    });
    return performance.now() - started;
  };
  try {
    const clip = path.join(dir, 'clip.mkv');
    await run([clipStep(clip)], 1);
    const info = await supervisor.request('probe', {
      path: clip,
      timeoutMs: STALL_MS,
      scanResolution: true,
    });
    const timed = async (chunks: number): Promise<number> => {
      const out = path.join(dir, `out-${chunks}.mkv`);
      const plan = planJob({
        info,
        preset: measurePreset(video),
        hardware: null,
        policy: 'auto',
        output: { final: out, temp: out },
        stats: null,
        chunks,
      });
      for (const folder of plan.workDirs) await mkdir(folder, { recursive: true });
      for (const file of plan.files) await writeFile(file.path, file.content);
      return run(plan.steps, chunks);
    };
    // One pass before and after the chunked runs: the faster of the two, so a cold start
    // does not count against it.
    let onePass = await timed(1);
    const counts = os.availableParallelism() >= 8 ? [2, 4] : [2];
    const times = new Map<number, number>();
    for (const count of counts) times.set(count, await timed(count));
    onePass = Math.min(onePass, await timed(1));
    const tried = Object.fromEntries([...times].map(([count, ms]) => [count, onePass / ms]));
    let best: Measure = { best: 1, speedup: 1, tried };
    for (const [count, speedup] of Object.entries(tried)) {
      if (speedup >= AUTO_CHUNKS_MIN_GAIN && speedup > best.speedup)
        best = { best: Number(count), speedup, tried };
    }
    return best;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The chunk counts measured here, per encoder setting, read from and written to one file. */
class ChunkCalibration {
  private saved: Record<string, Measure> | null = null;
  private readonly running = new Map<string, Promise<Measure>>();

  constructor(
    private readonly supervisor: WorkerSupervisor,
    private readonly file: string,
  ) {}

  /** The best chunk count for these settings, measured now if it never was. */
  async best(video: VideoSettings): Promise<number> {
    const key = calibrationKey(video);
    this.saved ??= await this.load();
    const known = this.saved[key];
    if (known !== undefined) return known.best;
    let pending = this.running.get(key);
    if (pending === undefined) {
      pending = measure(this.supervisor, video).finally(() => this.running.delete(key));
      this.running.set(key, pending);
    }
    const measured = await pending;
    this.saved = { ...this.saved, [key]: measured };
    await mkdir(path.dirname(this.file), { recursive: true });
    // A result that cannot be saved only means measuring again next time.
    await writeFileAtomic(this.file, JSON.stringify(this.saved)).catch(() => undefined);
    return measured.best;
  }

  private async load(): Promise<Record<string, Measure>> {
    const parsed = SavedSchema.safeParse(await readJson(this.file).catch(() => null));
    return parsed.success ? parsed.data : {};
  }
}

const calibrations = new WeakMap<WorkerSupervisor, ChunkCalibration>();

/** The calibration that measures through this worker, kept in the user's cache folder. */
export function chunkCalibration(
  supervisor: WorkerSupervisor,
  file = path.join(userCacheDir(), 'chunks.json'),
): ChunkCalibration {
  let found = calibrations.get(supervisor);
  if (found === undefined) {
    found = new ChunkCalibration(supervisor, file);
    calibrations.set(supervisor, found);
  }
  return found;
}
