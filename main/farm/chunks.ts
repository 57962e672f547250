import { chunkParts } from '../../app/ffmpeg/chunk-plan';
import type { JobSpec } from '../../app/jobs/job';
import type { Plan } from '../../app/jobs/plan';
import type { MediaInfo } from '../../app/media/model';
import type { Preset } from '../../app/presets/schema';
import { planOnHost } from '../engine/host-plan';

// A chunked farm job's plan, made the same way by the submitter and by every worker that
// runs one of its chunks or its join: software encoding, no analysis, one chunk count.

export interface ChunkedPlan {
  plan: Plan;
  /** Each chunk's first source timestamp. */
  bounds: number[];
}

/** The chunked plan for `count` chunks; null when the job cannot be chunked (one pass then). */
export function planFarmChunks(
  spec: JobSpec,
  preset: Preset,
  info: MediaInfo,
  output: { final: string; temp: string },
  count: number,
): ChunkedPlan | null {
  const plan = planOnHost({
    info,
    preset,
    hardware: null,
    policy: spec.resolutionPolicy,
    output,
    settings: spec.settings,
    analysis: null,
    decoder: null,
    chunks: count,
  });
  if ((plan.chunks ?? 1) < 2 || info.resolution == null) return null;
  const bounds = chunkParts(info.resolution, count, info.durationSec ?? 0).map((p) => p.startPts);
  return bounds.length === plan.chunks ? { plan, bounds } : null;
}

/** The sentence when this machine's plan splits the file elsewhere than the submitter's. */
export function sameBounds(mine: readonly number[], theirs: readonly number[]): string | null {
  if (mine.length === theirs.length && mine.every((b, i) => b === theirs[i])) return null;
  return 'The source file differs between this worker and the machine that queued the job (its keyframes are not where the job says), so the chunk was not encoded.';
}
