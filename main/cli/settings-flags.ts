import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { JobSettingsSchema, type JobSettings, type TrackPick } from '../../app/jobs/settings';
import { parseTimeValue } from '../../app/util/time-value';
import { parseQualityTarget } from '../../app/quality/target';
import { UsageError } from './usage';

// The flags that shape a job (convert and preview share them), parsed into JobSettings
// and validated with its schema; a bad value is a usage error naming the flag.

/** One job flag: its kind, the word its value shows as in help, and its help. */
interface FlagSpec {
  type: 'string' | 'boolean';
  value?: string;
  help: string;
}

export const SETTINGS_OPTIONS = {
  audio: {
    type: 'string',
    value: 'tracks',
    help: 'all | none | tracks in order, by ISO 639-2 language or a:N for stream #N as probe lists it: fra,eng or fra,a:3 (the first is marked default)',
  },
  'audio-mix': { type: 'string', value: 'mix', help: 'keep | stereo | 5.1' },
  subtitles: {
    type: 'string',
    value: 'subs',
    help: "all | none | forced | languages (eng,fra) | burn:LANG (draw that language's track into the picture)",
  },
  'no-chapters': { type: 'boolean', help: 'drop the chapters' },
  start: {
    type: 'string',
    value: 'time',
    help: 'trim: seconds or [h:]m:s[.ms] (90, 1:30, 1:02:03.5)',
  },
  end: { type: 'string', value: 'time', help: 'trim end, as --start' },
  crop: { type: 'string', value: 'crop', help: 'auto (detect black bars) | none | W:H:X:Y' },
  deinterlace: {
    type: 'string',
    value: 'mode',
    help: 'auto (when the source is interlaced) | on | off',
  },
  denoise: { type: 'string', value: 'level', help: 'off | light | strong' },
  'max-height': {
    type: 'string',
    value: 'n',
    help: 'largest output height, aspect kept (never upscales)',
  },
  'max-width': {
    type: 'string',
    value: 'n',
    help: 'largest output width, aspect kept (never upscales)',
  },
  crf: { type: 'string', value: 'n', help: 'quality override, 0-63 (lower is better)' },
  name: {
    type: 'string',
    value: 'template',
    help: 'output name without extension from {name} {preset} {width} {height} {codec} {date}, e.g. "{name}-{height}p" (default {name})',
  },
  'beside-source': { type: 'boolean', help: 'write each output beside its input (no --out)' },
  'keep-tree': { type: 'boolean', help: "mirror each dropped folder's subfolders under --out" },
  chunks: {
    type: 'string',
    value: 'chunks',
    help: 'auto (only where it pays on this machine) | off | N: encode the video as N parallel chunks, then join',
  },
  'hw-decode': {
    type: 'string',
    value: 'mode',
    help: 'auto (hardware decoding where it works here) | off',
  },
  metrics: {
    type: 'string',
    value: 'names',
    help: 'after the encode, measure the output against its source: ssim,psnr (vmaf, xpsnr where this ffmpeg has them)',
  },
  'metrics-every': {
    type: 'string',
    value: 'n',
    help: 'with --metrics: measure every Nth frame (default 1, every frame)',
  },
  'target-quality': {
    type: 'string',
    value: 'metric:score',
    help: 'encode at the highest CRF whose samples reach this score: ssim:0.97 | psnr:42 (vmaf:95 where this ffmpeg measures VMAF)',
  },
  'max-size-percent': {
    type: 'string',
    value: 'n',
    help: "with --target-quality: the output's largest size in percent of the source's",
  },
} as const satisfies Record<string, FlagSpec>;

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
  quality: 'target-quality',
  'quality.metric': 'target-quality',
  'quality.target': 'target-quality',
  'quality.maxSizePercent': 'max-size-percent',
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

function quality(values: SettingsFlagValues): Record<string, unknown> {
  const target = parseQualityTarget(values['target-quality'] ?? '');
  if (target === null)
    throw new UsageError(
      '--target-quality must be METRIC:SCORE, for example ssim:0.97, psnr:42 or vmaf:95.',
    );
  const cap = values['max-size-percent'];
  return cap === undefined ? target : { ...target, maxSizePercent: whole(cap, 'max-size-percent') };
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
  if (values['max-size-percent'] !== undefined && values['target-quality'] === undefined)
    throw new UsageError('--max-size-percent needs --target-quality, the score to reach.');
  if (values['target-quality'] !== undefined) settings.quality = quality(values);
  if (Object.keys(settings).length === 0) return undefined;
  const parsed = JobSettingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new UsageError(
    issue === undefined ? 'The job settings are not valid.' : problem(issue, values),
  );
}

/** Adds the job flags to a command (convert, preview, watch), each from the table. */
export function addSettingsOptions(command: Command): Command {
  command.optionsGroup('Job options (override the preset for these jobs):');
  for (const [flag, spec] of Object.entries(SETTINGS_OPTIONS) as [string, FlagSpec][])
    command.addOption(
      new Option(spec.type === 'boolean' ? `--${flag}` : `--${flag} <${spec.value}>`, spec.help),
    );
  return command.optionsGroup('Options:');
}

/** The job flags a command was given, keyed as in the table (`--no-chapters` included). */
export function settingsFlagValues(command: Command): SettingsFlagValues {
  const given = command.opts();
  const values: Record<string, string | boolean> = {};
  for (const option of command.options) {
    const flag = option.long?.slice(2);
    if (flag === undefined || !(flag in SETTINGS_OPTIONS)) continue;
    const value: unknown = given[option.attributeName()];
    if (option.negate) {
      if (value === false) values[flag] = true;
    } else if (typeof value === 'string' || typeof value === 'boolean') values[flag] = value;
  }
  return values;
}
