import type { Plan } from '../jobs/plan';
import type { Analysis, JobSettings } from '../jobs/settings';
import type { MediaInfo } from '../media/model';
import type { ResolutionScan } from '../media/resolution';
import type { HardwareEncoder } from '../hardware/encoder-args';
import type { Preset, VideoSettings } from '../presets/schema';
import { buildPartsPlan, type Part } from './parts-plan';
import { jobPreset } from './settings-apply';
import { mapTracks } from './track-map';

// One long video encoded as N chunks in parallel, split at source keyframes, then joined
// by stream copy with the audio encoded once (parts-plan.ts). Every chunk's encoder
// starts fresh with an IDR frame and the one pass's settings, so nothing at the borders
// needs forcing; the output has the one pass's frames and timestamps exactly.

/** The chunk count the settings ask for; `auto` is decided on the host before planning (1 until then). */
export function requestedChunks(chunks: JobSettings['chunks']): number {
  return typeof chunks === 'number' ? chunks : 1;
}

/** True when the settings may chunk the video (`auto` or a count of 2 or more). */
export function chunksAsked(settings: JobSettings | undefined): boolean {
  const chunks = settings?.chunks;
  return chunks === 'auto' || (typeof chunks === 'number' && chunks >= 2);
}

/** `auto` chunks only when they beat one pass by this factor on this machine. */
export const AUTO_CHUNKS_MIN_GAIN = 1.1;
/** `auto` leaves shorter files in one pass: the extra starts and the join eat the gain. */
const AUTO_CHUNKS_MIN_SEC = 30;

/**
 * The video settings whose measurement decides `auto` for this job; null when `auto` means
 * one pass whatever the measurement (hardware encoding, no video encoded, a short file).
 */
export function autoChunksFor(
  preset: Preset,
  settings: JobSettings | undefined,
  info: MediaInfo,
  hardware: HardwareEncoder | null,
): VideoSettings | null {
  const video = jobPreset(preset, settings ?? {}).video;
  if (typeof video !== 'object' || hardware !== null) return null;
  return (info.durationSec ?? 0) >= AUTO_CHUNKS_MIN_SEC ? video : null;
}

export interface ChunkInput {
  preset: Preset;
  info: MediaInfo;
  output: string;
  workDir: string;
  hardware: HardwareEncoder | null;
  /** The resolution policy this job gets (choosePolicy): chunks only for `single`. */
  policy: string;
  settings: JobSettings;
  analysis: Analysis | null;
  /** Chunks asked for (already resolved from `auto`). */
  count: number;
}

/**
 * Chunk starts at source cut points (keyframes) nearest to equal shares of the duration.
 * No chunk is shorter than a quarter of an equal share, so fewer chunks may come back.
 */
export function chunkParts(scan: ResolutionScan, count: number, durationSec: number): Part[] {
  const first = scan.segments[0];
  if (first === undefined) return [];
  const tick = scan.timeBase[0] / scan.timeBase[1];
  const start = first.startPts;
  const end = start + durationSec / tick;
  const share = (end - start) / count;
  const cuts = (scan.cuts ?? []).filter((pts) => pts > start && end - pts >= share / 4);
  const parts: Part[] = [first];
  let from = 0;
  let previous = start;
  for (let k = 1; k < count; k++) {
    const target = start + share * k;
    let best = -1;
    for (let i = from; i < cuts.length; i++) {
      const pts = cuts[i] ?? 0;
      if (pts - previous < share / 4) continue;
      if (best === -1 || Math.abs(pts - target) < Math.abs((cuts[best] ?? 0) - target)) best = i;
      else if (pts > target) break;
    }
    if (best === -1) break;
    previous = cuts[best] ?? previous;
    from = best + 1;
    parts.push({ ...first, startPts: previous, startSec: (previous - start) * tick });
  }
  return parts;
}

/** Why this job cannot be chunked, in a sentence; null when it can. */
function blocker(input: ChunkInput): string | null {
  const { preset, info, settings } = input;
  const onePass = 'so it was encoded in one pass';
  if (typeof preset.video !== 'object')
    return `Chunks apply only to video that is encoded, ${onePass}.`;
  if (input.policy !== 'single')
    return `The picture size changes mid-stream, so the video was not split into chunks (resolution policy "${input.policy}").`;
  if (settings.trim !== undefined || settings.subtitles?.burn || settings.maxFps !== undefined)
    return `Chunks select frames by source timestamps, which a trim, a subtitle burn-in or a frame-rate limit would shift, ${onePass}.`;
  const video = mapTracks(preset, info, settings).video;
  if (info.resolution?.cuts === undefined || video?.index !== info.resolution.streamIndex)
    return `The source's keyframes are not known, ${onePass}.`;
  return null;
}

/** The chunked plan, or the one-pass note that says why not (plan null). */
export function planChunks(input: ChunkInput): { plan: Plan | null; note: string | null } {
  const why = blocker(input);
  const { info, preset } = input;
  if (why !== null || info.resolution == null || typeof preset.video !== 'object')
    return { plan: null, note: why };
  const parts = chunkParts(info.resolution, input.count, info.durationSec ?? 0);
  if (parts.length < 2)
    return {
      plan: null,
      note: 'The source has too few keyframes to split into chunks, so it was encoded in one pass.',
    };
  const plan = buildPartsPlan(
    {
      ...input,
      info: { ...info, resolution: info.resolution },
      settings: preset.video,
      job: input.settings,
    },
    parts,
    { noun: 'chunk', pinSize: false },
  );
  const fewer =
    parts.length < input.count
      ? ` (${input.count} asked; the keyframes allow ${parts.length})`
      : '';
  plan.warnings.push(
    `The video was encoded in ${parts.length} chunks in parallel${fewer}, then joined.`,
  );
  return { plan: { ...plan, chunks: parts.length }, note: null };
}
