import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  closePage,
  expectAccessible,
  expectNoErrorNotices,
  screenshots,
  watchConsole,
} from './checks';
import { dropFiles } from './drop';
import { startHost, type Host } from './host';
import { makeClips, type Clips } from './media';

// The whole journey on one host: drop two clips and a corrupt file, start, watch them
// finish, inspect, reload, then kill the host and find the queue again after a restart.

test.describe.configure({ mode: 'serial' });

let work: string;
let outDir: string;
let stateDir: string;
let clips: Clips;
let host: Host;
let page: Page;
let consoleErrors: string[];

const TINY_PRESET = {
  id: 'tiny-test',
  name: 'Tiny test',
  container: 'matroska',
  extension: '.mkv',
  video: { codec: 'libx264', crf: 30, speed: 'ultrafast' },
  audio: { codec: 'flac' },
};

const rows = (p: Page) => p.locator('[data-status]');

test.beforeAll(async ({ browser }) => {
  work = mkdtempSync(path.join(os.tmpdir(), 'framewright-e2e-'));
  outDir = path.join(work, 'out');
  stateDir = path.join(work, 'state');
  clips = makeClips(path.join(work, 'media'));
  host = await startHost({ outDir, stateDir });
  page = await (await browser.newContext()).newPage();
  consoleErrors = watchConsole(page);
});

test.afterAll(async () => {
  await closePage(page);
  await host?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('an empty queue invites a drop', async () => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Nothing in the queue yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add files', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  await screenshots(page, '01-empty');
  await expectAccessible(page);
});

test('dropped clips convert; a corrupt file fails with a sentence', async () => {
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [
    ...clips.good,
    clips.corrupt,
  ]);
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('[data-status="done"]')).toHaveCount(2);
  const failed = page.locator('[data-status="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('broken.mp4');
  // A sentence a person can read: words and a full stop, not an exit code alone.
  await expect(failed.locator('.job-detail-text')).toHaveText(/^[A-Z][^.]{15,}\./);
  await screenshots(page, '02-finished');

  const outputs = readdirSync(outDir).filter((name) => !name.startsWith('.'));
  expect(outputs).toHaveLength(2);
  for (const name of outputs) {
    // Every output decodes to the end without an error.
    execFileSync(
      'ffmpeg',
      ['-v', 'error', '-xerror', '-i', path.join(outDir, name), '-f', 'null', '-'],
      { stdio: 'pipe' },
    );
  }
  const href = await page
    .getByRole('link', { name: 'Download output of sunrise.mp4' })
    .getAttribute('href');
  const download = await page.request.get(new URL(href ?? '', host.url).toString());
  expect(download.status()).toBe(200);
  expect((await download.body()).length).toBeGreaterThan(1000);
});

test('the inspector shows every stream of the selected file', async () => {
  await page.getByRole('button', { name: 'harbour walk.mkv', exact: true }).click();
  const inspector = page.getByRole('complementary');
  await expect(inspector.getByRole('heading', { name: /Video #0 · MPEG4/ })).toBeVisible();
  await expect(inspector.getByRole('heading', { name: /Audio #1 · OPUS/ })).toBeVisible();
  await expect(inspector).toContainText('160 × 120');
  await expect(inspector).toContainText('Harbour walk');
  await expect(inspector.getByRole('heading', { name: 'Chapters' })).toBeVisible();
  await screenshots(page, '03-inspector');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'broken.mp4', exact: true }).click();
  await expect(inspector.locator('.error-box').first()).toBeVisible();
  await expect(inspector.getByText('Reading the file…')).toHaveCount(0);
  await screenshots(page, '04-inspector-failed');
});

test('presets show the exact ffmpeg arguments; settings are readable', async () => {
  await page.getByRole('button', { name: 'sunrise.mp4', exact: true }).click();
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await expect(page.getByLabel('FFmpeg command')).toContainText('ffmpeg');
  await expect(page.getByLabel('FFmpeg command')).toContainText('sunrise.mp4');
  await screenshots(page, '05-presets');
  await expectAccessible(page);

  // A custom preset goes in as JSON, comes back out as the same JSON, and can be removed.
  const file = path.join(work, 'tiny-test.json');
  writeFileSync(file, JSON.stringify(TINY_PRESET));
  await page.locator('input[type="file"][accept*="json"]').setInputFiles(file);
  await expect(page.getByRole('button', { name: /^Tiny test/ })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Tiny test' }).click();
  const exported = await download;
  expect(exported.suggestedFilename()).toBe('tiny-test.json');
  expect(JSON.parse(readFileSync(await exported.path(), 'utf8'))).toMatchObject(TINY_PRESET);
  await page.getByRole('button', { name: 'Remove Tiny test' }).click();
  await expect(page.getByRole('button', { name: /^Tiny test/ })).toHaveCount(0);
  await expectNoErrorNotices(page);
  await page.getByRole('button', { name: 'Hardware', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Test again' })).toBeEnabled({ timeout: 45_000 });
  await expect(page.getByRole('heading', { name: 'Encoders and decoders' })).toBeVisible();
  await screenshots(page, '06-hardware');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.locator('#out-dir')).toHaveValue(/out$/);
  await expect(page.getByText('FFmpeg on this machine')).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'FFmpeg on this machine' }).locator('.facts'),
  ).toBeVisible();
  await screenshots(page, '07-settings');
  await expectAccessible(page);
  await page.getByLabel('Jobs at once').fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await expect(page.getByLabel('Jobs at once')).toHaveValue('2');
  await page.getByRole('button', { name: 'Queue', exact: true }).click();
});

test('the queue works from the keyboard', async () => {
  await page.getByRole('button', { name: 'sunrise.mp4', exact: true }).focus();
  await page.keyboard.press('Enter');
  const title = page.getByRole('complementary').getByRole('heading', { level: 2 });
  await expect(title).toHaveText('sunrise.mp4');
  await page.keyboard.press('ArrowDown');
  await expect(title).toHaveText('harbour walk.mkv');
  await expect(page.getByRole('button', { name: 'harbour walk.mkv', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('link', { name: 'Download output of harbour walk.mkv' }),
  ).toBeFocused();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add files', exact: true }).focus();
  await page.keyboard.press('Enter');
  expect((await chooser).isMultiple()).toBe(true);
});

test('a reload keeps the queue', async () => {
  await page.reload();
  await expect(page.locator('[data-status="done"]')).toHaveCount(2);
  await expect(page.locator('[data-status="failed"]')).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
  await expectNoErrorNotices(page);
});

test('after the host is killed mid-conversion, a restart restores every row', async ({
  browser,
}) => {
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [clips.long]);
  const long = page.locator('[data-status]', { hasText: 'long take.mkv' });
  await expect(long).toHaveAttribute('data-status', 'running');
  await expect(long.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);
  await expect(long).toContainText(/\d+ fps/);
  await screenshots(page, '08-converting');
  await page.context().close();
  await host.kill();

  host = await startHost({ outDir, stateDir });
  page = await (await browser.newContext()).newPage();
  consoleErrors = watchConsole(page);
  await page.goto(host.url);
  await expect(rows(page)).toHaveCount(4);
  await expect(page.locator('[data-status="done"]')).toHaveCount(2);
  await expect(page.locator('[data-status="failed"]')).toHaveCount(1);
  const names = await page.locator('.job-name').allTextContents();
  expect(names.sort()).toEqual(['broken.mp4', 'harbour walk.mkv', 'long take.mkv', 'sunrise.mp4']);
  // The interrupted job is queued again, not lost or failed; it finishes once started.
  const again = page.locator('[data-status]', { hasText: 'long take.mkv' });
  await expect(again).toHaveAttribute('data-status', /queued|running|done/);
  await screenshots(page, '09-restored');
  const start = page.getByRole('button', { name: 'Start', exact: true });
  if (await start.isVisible()) await start.click();
  await expect(again).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
  expect(consoleErrors).toEqual([]);
  await expectNoErrorNotices(page);
});
