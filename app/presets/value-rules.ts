// Value patterns for preset extra options. Each admits only numbers or listed words,
// so no value can name a file, a URL or another option.

export interface ValueRule {
  readonly test: (value: string) => boolean;
  /** What the value should be, for the refusal sentence ("a whole number"). */
  readonly hint: string;
}

/** `-x264-params`-style options: a `:`-separated list of listed `key=value` pairs. */
export interface ParamsRule {
  readonly keys: Readonly<Record<string, ValueRule>>;
}

export type OptionRule = ValueRule | ParamsRule;

const pattern = (regex: RegExp, hint: string): ValueRule => ({
  test: (value) => regex.test(value),
  hint,
});

export const int = pattern(/^-?\d{1,9}$/, 'a whole number');
export const num = pattern(/^-?\d{1,9}(\.\d{1,6})?$/, 'a number');
export const bool = pattern(/^(0|1|true|false)$/, '0, 1, true or false');
/** A bit rate in bits per second, with an optional k or M suffix. */
export const rate = pattern(/^\d{1,9}(\.\d{1,3})?[kKM]?$/, 'a bit rate such as 800k or 5M');
/** Two numbers, as x264's deblock (`-1:-1`) and psy-rd (`1.0:0.15`) take them. */
export const pair = pattern(
  /^-?\d{1,4}(\.\d{1,4})?[:,]-?\d{1,4}(\.\d{1,4})?$/,
  'two numbers such as 1.0,0.15',
);

/** One of the words in a space-separated list. */
export function oneOf(list: string): ValueRule {
  const values = list.split(' ');
  const set = new Set(values);
  const hint = values.length === 1 ? (values[0] ?? '') : `one of ${values.join(', ')}`;
  return { test: (value) => set.has(value), hint };
}

/** A comma-separated combination of listed words, such as x264's `-tune film,fastdecode`. */
export function listOf(list: string): ValueRule {
  const values = list.split(' ');
  const set = new Set(values);
  return {
    test: (value) => value.split(',').every((word) => set.has(word)),
    hint: `one or more of ${values.join(', ')}, separated by commas`,
  };
}

export function either(...rules: ValueRule[]): ValueRule {
  return {
    test: (value) => rules.some((rule) => rule.test(value)),
    hint: rules.map((rule) => rule.hint).join(', or '),
  };
}

export function isParams(rule: OptionRule): rule is ParamsRule {
  return 'keys' in rule;
}
