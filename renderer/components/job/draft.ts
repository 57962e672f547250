import type { z } from 'zod';
import { JobSettingsSchema, type JobSettings } from '../../../app/jobs/settings';

// The panel edits a loose copy of the settings (a field may hold text that is not yet a
// number); JobSettingsSchema decides what is valid and its issues become sentences that
// sit next to the field they belong to.

export type Draft = Readonly<Record<string, unknown>>;
export type Path = readonly string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAt(draft: Draft, path: Path): unknown {
  let value: unknown = draft;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** A copy with the value at path replaced; undefined removes it, and empty groups go too. */
export function setAt(draft: Draft, path: Path, value: unknown): Draft {
  const [key, ...rest] = path;
  if (key === undefined) return draft;
  const inner =
    rest.length === 0 ? value : setAt(isRecord(draft[key]) ? draft[key] : {}, rest, value);
  const next: Record<string, unknown> = { ...draft };
  if (inner === undefined || (isRecord(inner) && Object.keys(inner).length === 0)) delete next[key];
  else next[key] = inner;
  return next;
}

type Issue = z.core.$ZodIssue;

function numberBound(issue: Issue & { code: 'too_big' | 'too_small' }): string {
  const bound = String(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  if (issue.origin === 'array')
    return issue.code === 'too_small' ? 'choose at least one' : `choose at most ${bound}`;
  if (issue.origin === 'string')
    return issue.code === 'too_small' ? 'cannot be empty' : `at most ${bound} characters`;
  if (issue.code === 'too_big')
    return issue.inclusive === false ? `below ${bound}` : `at most ${bound}`;
  return issue.inclusive === false ? `more than ${bound}` : `at least ${bound}`;
}

/** One issue in words: the schema's own message when it wrote one, else ours. */
export function phrase(issue: Issue): string {
  let text: string;
  if (issue.code === 'too_big' || issue.code === 'too_small') text = numberBound(issue);
  else if (issue.code === 'invalid_type' && issue.path[0] === 'trim')
    text = 'use seconds or a time such as 1:30';
  else if (issue.code === 'invalid_type')
    text = issue.expected === 'int' ? 'use a whole number' : 'enter a number';
  else if (issue.code === 'invalid_format' && issue.message.startsWith('Invalid'))
    text = 'use lowercase letters and digits only';
  else if (issue.code === 'invalid_value' || issue.code === 'invalid_union')
    text = 'choose one of the options';
  else text = issue.message;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export interface Checked {
  /** The settings when the draft is valid, else null. */
  settings: JobSettings | null;
  /** Sentences by dotted path ("crop.width", "subtitles.keep.0"). */
  errors: ReadonlyMap<string, string>;
}

export function check(draft: Draft): Checked {
  const result = JobSettingsSchema.safeParse(draft);
  if (result.success) return { settings: result.data, errors: new Map() };
  const errors = new Map<string, string>();
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (!errors.has(key)) errors.set(key, phrase(issue));
  }
  return { settings: null, errors };
}

/** The first error at this path or inside it. */
export function errorAt(errors: ReadonlyMap<string, string>, path: Path): string | null {
  const key = path.join('.');
  for (const [at, text] of errors) if (at === key || at.startsWith(`${key}.`)) return text;
  return null;
}
