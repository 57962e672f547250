import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openHostSession, type HostSession } from './host-session';

// Importing a custom preset in the Presets view: extra options outside the encoder's
// allowlist are refused with a sentence naming the option; allowed ones import.

let session: HostSession;
let page: Page;

const preset = (id: string, extraArgs: string[]) => ({
  name: `${id}.json`,
  mimeType: 'application/json',
  buffer: Buffer.from(
    JSON.stringify({
      id,
      name: `Preset ${id}`,
      container: 'mp4',
      extension: '.mp4',
      video: { codec: 'libx264', crf: 23, extraArgs },
      audio: { codec: 'aac', bitrateKbps: 128 },
    }),
  ),
});

test.beforeAll(async ({ browser }) => {
  session = await openHostSession(browser);
  page = session.page;
});

test.afterAll(async () => {
  await session?.close();
});

test('the Presets view refuses a preset whose extra options write a file, and imports an allowed one', async () => {
  await page.goto(session.host.url);
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  const file = page.locator('input[type="file"]');
  const dump = path.join(session.work, 'frames.yuv');

  await file.setInputFiles(preset('dumper', ['-x264-params', `dump-yuv=${dump}`]));
  await expect(page.locator('.notice.error')).toContainText(
    '-x264-params key "dump-yuv" is not allowed for libx264',
  );
  await expect(page.getByRole('button', { name: 'Preset dumper', exact: true })).toHaveCount(0);

  await file.setInputFiles(preset('filmic', ['-tune', 'film', '-x264-params', 'keyint=120']));
  await expect(page.getByRole('button', { name: 'Preset filmic', exact: true })).toBeVisible();
  expect(existsSync(dump)).toBe(false);
});
