import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PRESET_IDS } from './built-in';

describe('BUILT_IN_PRESET_IDS', () => {
  it('names exactly the presets shipped in resources/presets', () => {
    const shipped = readdirSync(path.resolve(import.meta.dirname, '../../resources/presets'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort();
    expect([...BUILT_IN_PRESET_IDS].sort()).toEqual(shipped);
  });
});
