import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startInProcess, type InProcessHost } from './in-process';

// 10,000 queued jobs: the list renders only what is in view, from the top to the last file.

const COUNT = 10_000;

/** What the page function uses (the Node tsconfig has no DOM types). */
interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
}
let host: InProcessHost;

test.beforeAll(async () => {
  host = await startInProcess();
});

test.afterAll(async () => {
  await host.close();
});

test('a 10,000-file folder becomes a virtualized list that reaches its last file', async ({
  page,
}) => {
  await page.goto(host.server.url);
  await expect(page.getByRole('button', { name: 'Add files', exact: true })).toBeVisible();
  const folder = path.join(host.spoolDir, 'many');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < COUNT; i++)
    writeFileSync(path.join(folder, `clip-${String(i).padStart(5, '0')}.mp4`), '');

  const started = Date.now();
  await host.engine.jobs.add({ paths: [folder] });
  const addedMs = Date.now() - started;
  await expect(page.getByRole('list', { name: 'Queue, 10,000 jobs' })).toBeVisible({
    timeout: 30_000,
  });
  const shownMs = Date.now() - started;

  // Only the rows in view are in the DOM.
  expect(await page.locator('[data-status]').count()).toBeLessThan(60);

  // Scroll to the end: the last file is reachable and the DOM still holds only the rows in
  // view. (Frame times are measured in bench/sections/ui.mjs, not here: they vary with load.)
  await page.locator('.job-list').evaluate((node: unknown) => {
    const list = node as ScrollBox;
    list.scrollTop = list.scrollHeight;
  });
  test.info().annotations.push({
    type: 'perf',
    description: `engine added 10,000 jobs in ${addedMs} ms, list shown after ${shownMs} ms`,
  });
  await expect(page.locator('[data-status]').last()).toContainText('clip-09999.mp4');
  expect(await page.locator('[data-status]').count()).toBeLessThan(60);
});
