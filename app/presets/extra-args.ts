import { z } from 'zod';
import { ENCODER_OPTIONS } from './encoder-options';
import type { AudioCodec, VideoCodec } from './schema';
import { isParams, type ParamsRule } from './value-rules';

const OPTION_NAME = /^-[A-Za-z][A-Za-z0-9_:.-]*$/;

/**
 * Extra encoder options as `-option value` pairs, never a bare word (ffmpeg would read
 * it as another output file). Which options and values are allowed depends on the
 * encoder: see extraArgsProblems.
 */
export const ExtraArgsSchema = z
  .array(z.string().max(200))
  .max(64)
  .superRefine((args, ctx) => {
    if (args.length % 2 !== 0) {
      ctx.addIssue({ code: 'custom', message: 'extra arguments must be "-option", "value" pairs' });
      return;
    }
    for (let i = 0; i < args.length; i += 2) {
      const option = args[i] ?? '';
      if (!OPTION_NAME.test(option))
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `"${option}" is not an option name; extra arguments must be "-option", "value" pairs`,
        });
    }
  });

/** A problem with one word of extraArgs, by its index. */
export interface ExtraArgProblem {
  index: number;
  message: string;
}

/** `-name` or `-name:v` (`:a` for audio) gives the table key `name`; null if not an option. */
function keyOf(option: string, stream: 'v' | 'a'): string | null {
  const match = /^-([A-Za-z0-9][A-Za-z0-9_-]*)(?::([va]))?$/.exec(option);
  if (match === null || (match[2] !== undefined && match[2] !== stream)) return null;
  return match[1] ?? null;
}

/** Checks a `key=value:key=value` list; returns a sentence for the first bad entry. */
function paramsProblem(
  option: string,
  value: string,
  rule: ParamsRule,
  codec: string,
): string | null {
  for (const entry of value.split(':')) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    const keyRule = Object.hasOwn(rule.keys, key) ? rule.keys[key] : undefined;
    if (keyRule === undefined)
      return `${option} key "${key}" is not allowed for ${codec}; allowed keys: ${Object.keys(rule.keys).join(', ')}`;
    const keyValue = eq < 0 ? '' : entry.slice(eq + 1);
    if (eq < 0 || !keyRule.test(keyValue))
      return `${option} key "${key}" needs ${keyRule.hint} (as ${key}=value), not "${keyValue}"`;
  }
  return null;
}

/**
 * Checks extraArgs against the encoder's allowlist (encoder-options.ts). Words that are
 * not option names are left to ExtraArgsSchema, which reports them.
 */
export function extraArgsProblems(
  codec: VideoCodec | AudioCodec,
  stream: 'v' | 'a',
  args: readonly string[],
): ExtraArgProblem[] {
  if (args.length % 2 !== 0) return [];
  const rules = ENCODER_OPTIONS[codec];
  const problems: ExtraArgProblem[] = [];
  for (let index = 0; index < args.length; index += 2) {
    const option = args[index] ?? '';
    const value = args[index + 1] ?? '';
    if (!OPTION_NAME.test(option)) continue;
    const key = keyOf(option, stream);
    const rule = key !== null && Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (rule === undefined) {
      problems.push({
        index,
        message: `${option} is not allowed for ${codec}; allowed options: ${Object.keys(rules)
          .map((name) => `-${name}`)
          .join(', ')}`,
      });
    } else if (isParams(rule)) {
      const message = paramsProblem(option, value, rule, codec);
      if (message !== null) problems.push({ index: index + 1, message });
    } else if (!rule.test(value)) {
      problems.push({
        index: index + 1,
        message: `${option} needs ${rule.hint} for ${codec}, not "${value}"`,
      });
    }
  }
  return problems;
}
