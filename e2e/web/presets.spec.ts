import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type Host } from './host';
import { closePage } from './checks';

// Importing a custom preset in the Presets view: extra options outside the encoder's
// allowlist are refused with a sentence naming the option; allowed ones import.

let work: string;
let host: Host;
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
  work = mkdtempSync(path.join(os.tmpdir(), 'framewright-e2e-'));
  host = await startHost({ outDir: path.join(work, 'out'), stateDir: path.join(work, 'state') });
  page = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  await closePage(page);
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('the Presets view refuses a preset whose extra options write a file, and imports an allowed one', async () => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  const file = page.locator('input[type="file"]');
  const dump = path.join(work, 'frames.yuv');

  await file.setInputFiles(preset('dumper', ['-x264-params', `dump-yuv=${dump}`]));
  await expect(page.locator('.notice.error')).toContainText(
    '-x264-params key "dump-yuv" is not allowed for libx264',
  );
  await expect(page.getByRole('button', { name: 'Preset dumper', exact: true })).toHaveCount(0);

  await file.setInputFiles(preset('filmic', ['-tune', 'film', '-x264-params', 'keyint=120']));
  await expect(page.getByRole('button', { name: 'Preset filmic', exact: true })).toBeVisible();
  expect(existsSync(dump)).toBe(false);
});
