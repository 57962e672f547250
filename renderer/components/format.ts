import type { ResolutionPolicy } from '../../app/jobs/job';
import type { JobSettings } from '../../app/jobs/settings';
import type { JobStatus } from '../../app/jobs/state';
import { formatClock as clock } from '../../app/util/clock';

// Display helpers: numbers and states as people read them. Formatting only.

export type RowStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export function rowStatus(status: JobStatus): RowStatus {
  return status === 'probing' || status === 'finalizing' ? 'running' : status;
}

export const STATUS_LABEL: Record<JobStatus, string> = {
  queued: 'Waiting',
  probing: 'Reading file',
  running: 'Converting',
  finalizing: 'Finishing',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function formatBitRate(bitsPerSecond: string | number | undefined): string | null {
  const n = Number(bitsPerSecond);
  if (bitsPerSecond === undefined || !Number.isFinite(n) || n <= 0) return null;
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)} Mb/s`;
  return `${Math.round(n / 1000)} kb/s`;
}

/** 75 → "1:15", 3725 → "1:02:05"; "—" when unknown. */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  return clock(seconds);
}

/** Time left in words: "12 s left", "3 min left", "about 2 h left". */
export function formatEta(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/** The first sentence of an error, for a one-line row; the inspector shows the rest. */
export function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/s.exec(text);
  return match?.[0] ?? text;
}

export const RESOLUTION_POLICY_LABEL: Record<ResolutionPolicy, string> = {
  auto: 'Automatic: the safest choice for the output format',
  reinit: 'Keep every size: restart the encoder at each change',
  fit: 'Fit every part into one frame size, with borders',
  stretch: 'Stretch to the first size (distorts the picture)',
};

export const RESOLUTION_POLICY_SHORT: Record<ResolutionPolicy, string> = {
  auto: 'automatic',
  reinit: 'keep every size',
  fit: 'fit with borders',
  stretch: 'stretch',
};

/** Each job setting as the panel names it, for summaries ("custom: trim, chunks"). */
export const SETTING_LABEL: Record<keyof JobSettings, string> = {
  audio: 'audio',
  subtitles: 'subtitles',
  chapters: 'chapters',
  trim: 'trim',
  crop: 'crop',
  deinterlace: 'deinterlace',
  denoise: 'denoise',
  maxWidth: 'max width',
  maxHeight: 'max height',
  rotate: 'rotate',
  flip: 'flip',
  maxFps: 'max frame rate',
  crf: 'quality',
  speed: 'speed',
  name: 'name',
  folder: 'folder',
  chunks: 'chunks',
  hwDecode: 'hardware decoding',
  metrics: 'quality metrics',
  quality: 'quality target',
};

/** Quotes an argument only when a shell would need it, so a command line can be copied. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
