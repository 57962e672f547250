import type { z } from 'zod';
import { JobSettingsSchema, type JobSettings, type TrackPick } from '../../app/jobs/settings';
import { parseTimeValue } from '../../app/util/time-value';
import { UsageError } from './usage';

// The flags that shape a job (convert and preview share them), parsed into JobSettings
// and validated with its schema; a bad value is a usage error naming the flag.

export const SETTINGS_OPTIONS = {
  audio: { type: 'string' },
  'audio-mix': { type: 'string' },
  subtitles: { type: 'string' },
  'no-chapters': { type: 'boolean' },
  start: { type: 'string' },
  end: { type: 'string' },
  crop: { type: 'string' },
  deinterlace: { type: 'string' },
  denoise: { type: 'string' },
  'max-height': { type: 'string' },
  'max-width': { type: 'string' },
  crf: { type: 'string' },
  name: { type: 'string' },
  'beside-source': { type: 'boolean' },
  'keep-tree': { type: 'boolean' },
  chunks: { type: 'string' },
  'hw-decode': { type: 'string' },
  metrics: { type: 'string' },
  'metrics-every': { type: 'string' },
} as const;

type Flag = keyof typeof SETTINGS_OPTIONS;
export type SettingsFlagValues = {
  [K in Flag]?: (typeof SETTINGS_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

/** The flag that sets each settings field, for messages. */
const FLAG_OF: Record<string, Flag> = {
  audio: 'audio',
  'audio.mix': 'audio-mix',
  subtitles: 'subtitles',
  chapters: 'no-chapters',
  'trim.startSec': 'start',
  'trim.endSec': 'end',
  crop: 'crop',
  deinterlace: 'deinterlace',
  denoise: 'denoise',
  maxHeight: 'max-height',
  maxWidth: 'max-width',
  crf: 'crf',
  name: 'name',
  folder: 'keep-tree',
  chunks: 'chunks',
  hwDecode: 'hw-decode',
  metrics: 'metrics',
  'metrics.names': 'metrics',
  'metrics.every': 'metrics-every',
};

const list = (values: readonly unknown[]): string =>
  values.length < 2
    ? values.map(String).join('')
    : `${values.slice(0, -1).map(String).join(', ')} or ${String(values.at(-1))}`;

function tracks(value: string): TrackPick[] {
  return value.split(',').map((item) => {
    const index = /^a:(\d+)$/.exec(item)?.[1];
    return index === undefined ? { language: item.toLowerCase() } : { index: Number(index) };
  });
}

function subtitles(value: string): NonNullable<JobSettings['subtitles']> {
  if (value === 'all' || value === 'none' || value === 'forced') return { keep: value };
  const burn = /^burn:(.*)$/.exec(value)?.[1];
  if (burn !== undefined) return { burn: { language: burn.toLowerCase() } };
  return { keep: value.split(',').map((lang) => lang.toLowerCase()) };
}

function crop(value: string): NonNullable<JobSettings['crop']> {
  if (value === 'auto' || value === 'none') return value;
  const rect = /^(\d+):(\d+):(\d+):(\d+)$/.exec(value);
  if (rect === null)
    throw new UsageError('--crop must be auto, none or W:H:X:Y (for example 1920:800:0:140).');
  const [width, height, x, y] = rect.slice(1).map(Number) as [number, number, number, number];
  return { width, height, x, y };
}

function chunks(value: string): NonNullable<JobSettings['chunks']> {
  if (value === 'auto' || value === 'off') return value;
  if (!/^\d+$/.test(value))
    throw new UsageError('--chunks must be auto, off or a number of chunks.');
  return Number(value);
}

function seconds(value: string, flag: Flag): number {
  const parsed = parseTimeValue(value);
  if (parsed === null)
    throw new UsageError(`--${flag} must be seconds or [h:]m:s[.ms], for example 90 or 1:30.`);
  return parsed;
}

function whole(value: string, flag: Flag): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} needs a whole number.`);
  return Number(value);
}

/** The innermost problem: inside a union, the branch that got furthest. */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const deepest = issue.errors
    .flat()
    .reduce<z.core.$ZodIssue | undefined>(
      (best, inner) => (best === undefined || inner.path.length > best.path.length ? inner : best),
      undefined,
    );
  return deepest === undefined
    ? issue
    : innermost({ ...deepest, path: [...issue.path, ...deepest.path] });
}

/** One sentence for a schema problem, naming the flag that caused it. */
function problem(found: z.core.$ZodIssue, values: SettingsFlagValues): string {
  const issue = innermost(found);
  const key = issue.path.map(String);
  const flag = `--${FLAG_OF[key.slice(0, 2).join('.')] ?? FLAG_OF[key[0] ?? ''] ?? key.join('.')}`;
  switch (issue.code) {
    case 'too_big':
      return `${flag} must be at most ${String(issue.maximum)}.`;
    case 'too_small':
      return `${flag} must be at least ${String(issue.minimum)}.`;
    case 'invalid_value':
      return `${flag} must be ${list(issue.values)}.`;
    default: {
      const value = values[flag.slice(2) as Flag];
      const shown = typeof value === 'string' ? ` ${value}` : '';
      return `${flag}${shown} is not accepted: ${issue.message.replace(/\.$/, '')}.`;
    }
  }
}

/**
 * The job settings the flags ask for, or undefined when none is given. `hasOut` says
 * whether --out was given (--keep-tree needs it; --beside-source goes without).
 */
export function settingsFromFlags(
  values: SettingsFlagValues,
  hasOut: boolean,
): JobSettings | undefined {
  if (values['beside-source'] === true && values['keep-tree'] === true)
    throw new UsageError('Choose --beside-source or --keep-tree, not both.');
  if (values['keep-tree'] === true && !hasOut)
    throw new UsageError('--keep-tree needs --out <dir>, the folder that mirrors the tree.');
  if (values['beside-source'] === true && hasOut)
    throw new UsageError('--beside-source writes beside each input: leave out --out.');
  const settings: Record<string, unknown> = {};
  const audio: Record<string, unknown> = {};
  if (values.audio !== undefined)
    audio.tracks =
      values.audio === 'all' || values.audio === 'none' ? values.audio : tracks(values.audio);
  if (values['audio-mix'] !== undefined) audio.mix = values['audio-mix'];
  if (Object.keys(audio).length > 0) settings.audio = audio;
  if (values.subtitles !== undefined) settings.subtitles = subtitles(values.subtitles);
  if (values['no-chapters'] === true) settings.chapters = false;
  const trim: Record<string, number> = {};
  if (values.start !== undefined) trim.startSec = seconds(values.start, 'start');
  if (values.end !== undefined) trim.endSec = seconds(values.end, 'end');
  if (Object.keys(trim).length > 0) settings.trim = trim;
  if (values.crop !== undefined) settings.crop = crop(values.crop);
  if (values.deinterlace !== undefined) settings.deinterlace = values.deinterlace;
  if (values.denoise !== undefined) settings.denoise = values.denoise;
  if (values['max-height'] !== undefined)
    settings.maxHeight = whole(values['max-height'], 'max-height');
  if (values['max-width'] !== undefined)
    settings.maxWidth = whole(values['max-width'], 'max-width');
  if (values.crf !== undefined) settings.crf = whole(values.crf, 'crf');
  if (values.name !== undefined) settings.name = values.name;
  if (values['beside-source'] === true) settings.folder = 'beside-source';
  if (values['keep-tree'] === true) settings.folder = 'keep-tree';
  if (values.chunks !== undefined) settings.chunks = chunks(values.chunks);
  if (values['hw-decode'] !== undefined) settings.hwDecode = values['hw-decode'];
  if (values['metrics-every'] !== undefined && values.metrics === undefined)
    throw new UsageError('--metrics-every needs --metrics, the metrics to measure.');
  if (values.metrics !== undefined)
    settings.metrics = {
      names: values.metrics.split(',').map((name) => name.trim().toLowerCase()),
      ...(values['metrics-every'] !== undefined
        ? { every: whole(values['metrics-every'], 'metrics-every') }
        : {}),
    };
  if (Object.keys(settings).length === 0) return undefined;
  const parsed = JobSettingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new UsageError(
    issue === undefined ? 'The job settings are not valid.' : problem(issue, values),
  );
}
