import { closeSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openableExclusively } from '../main/watch/settle';
import { tempDir } from './helpers/media';

// On Windows a file is settled only once nobody holds it open (a copy in progress does):
// the exclusive open fails while another handle is open. Runs only where it applies.

describe('settle on Windows', () => {
  it.runIf(process.platform === 'win32')('refuses a file another handle holds open', async () => {
    const file = path.join(tempDir('fw-settle-'), 'copying.mkv');
    writeFileSync(file, 'partial');
    const writer = openSync(file, 'a');
    try {
      expect(await openableExclusively(file)).toBe(false);
    } finally {
      closeSync(writer);
    }
    expect(await openableExclusively(file)).toBe(true);
  });
});
