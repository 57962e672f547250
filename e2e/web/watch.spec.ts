import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeClip } from '../../test/helpers/media';
import { closePage, expectAccessible, screenshots, watchConsole } from './checks';
import { startInProcess, type InProcessHost } from './in-process';

// Settings → Watch folders on a web host started with a watch root: a folder is added
// with its preset and rules, a clip renamed into it is converted into the host's output
// folder, a folder that vanishes says so, and a folder can be paused and removed.

test.describe.configure({ mode: 'serial' });

let host: InProcessHost;
let page: Page;
let consoleErrors: string[];

test.beforeAll(async ({ browser }) => {
  host = await startInProcess({
    watchRoots: [os.tmpdir()],
    watch: { settleMs: 300, times: { pollMs: 200 } },
  });
  page = await (await browser.newContext()).newPage();
  consoleErrors = watchConsole(page);
});

test.afterAll(async () => {
  await closePage(page);
  await host?.close();
});

async function addFolder(folder: string, extensions = ''): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a watch folder' });
  await form.getByLabel('Folder to watch').fill(folder);
  await form.getByLabel('Preset').selectOption('remux-mkv');
  await form.getByLabel('Only these extensions').fill(extensions);
  await form.getByRole('button', { name: 'Add watch folder' }).click();
  await expect(page.locator(`[data-folder="${folder}"]`)).toBeVisible();
}

test('adds watch folders, converts what arrives, says when a folder vanishes, pauses and removes', async () => {
  const inbox = path.join(host.work, 'inbox');
  const gone = path.join(host.work, 'camera card');
  mkdirSync(inbox);
  mkdirSync(gone);
  await page.goto(host.server.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(
    page.getByRole('form', { name: 'Add a watch folder' }).getByLabel('Output folder'),
  ).toHaveValue(host.outDir);
  await addFolder(inbox, 'mkv, mov');
  await addFolder(gone);
  const card = page.locator(`[data-folder="${inbox}"]`);
  await expect(card).toContainText('Watching');
  await expect(card).toContainText('mkv, mov · subfolders too');

  renameSync(
    makeClip(path.join(host.work, 'harbour.mkv'), { audio: false }),
    path.join(inbox, 'harbour.mkv'),
  );
  await expect(card).toContainText('1 file taken, 1 converted since the start.');
  expect(readdirSync(host.outDir)).toEqual(['harbour.mkv']);

  rmSync(gone, { recursive: true });
  const missing = page.locator(`[data-folder="${gone}"]`);
  await expect(missing).toContainText('Folder missing');
  await expect(missing).toContainText('is missing; it is watched again as soon as it comes back.');
  await page
    .getByRole('heading', { name: 'Watch folders' })
    .evaluate((heading: { scrollIntoView(): void }) => heading.scrollIntoView());
  await screenshots(page, 'watch-folders');
  await expectAccessible(page);

  await missing.getByRole('button', { name: 'Pause' }).click();
  await expect(missing).toContainText('Off');
  await missing.getByRole('button', { name: 'Remove' }).click();
  await expect(missing).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
