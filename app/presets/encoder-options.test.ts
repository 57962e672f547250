import { describe, expect, it } from 'vitest';
import { ENCODER_OPTIONS } from './encoder-options';
import { isParams, type ValueRule } from './value-rules';

// Every value pattern admits numbers or listed words only: never a path, URL or option.
const HOSTILE = [
  '/etc/passwd',
  '../out.yuv',
  'C:\\x.log',
  'file:x',
  'http://example.com/x',
  'pipe:1',
  '-i',
  '',
  '1 2',
  '1;rm',
];

const rules = Object.entries(ENCODER_OPTIONS).flatMap(([codec, options]) =>
  Object.entries(options).flatMap(([option, rule]): [string, ValueRule][] =>
    isParams(rule)
      ? Object.entries(rule.keys).map(([key, keyRule]) => [`${codec} -${option} ${key}`, keyRule])
      : [[`${codec} -${option}`, rule]],
  ),
);

describe('encoder option table', () => {
  it('has rules for every encoder', () => {
    expect(rules.length).toBeGreaterThan(200);
  });

  it.each(HOSTILE)('no value pattern admits %j', (value) => {
    expect(rules.filter(([, rule]) => rule.test(value)).map(([name]) => name)).toEqual([]);
  });
});
