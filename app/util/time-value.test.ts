import { describe, expect, it } from 'vitest';
import { parseTimeValue } from './time-value';

describe('parseTimeValue', () => {
  it.each([
    ['0', 0],
    ['90', 90],
    ['12.5', 12.5],
    ['1:30', 90],
    ['0:05.250', 5.25],
    ['1:02:03', 3723],
    ['1:02:03.5', 3723.5],
    ['120:00', 7200],
    [' 7 ', 7],
  ])('"%s" is %s s', (text, seconds) => {
    expect(parseTimeValue(text)).toBe(seconds);
  });

  it.each([
    '',
    '-1',
    '1e3',
    'abc',
    '1:60',
    '1:60:00',
    '1:2:3:4',
    ':30',
    '1:',
    '1.5:00',
    '10s',
    '1:5',
    '0:5.5',
  ])('"%s" is not a time', (text) => {
    expect(parseTimeValue(text)).toBeNull();
  });
});
