import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import {
  closePage,
  expectAccessible,
  expectNoErrorNotices,
  SCREENSHOTS,
  watchConsole,
} from './checks';
import { dropFiles } from './drop';
import { startLongTasks, stopLongTasks } from './long-tasks';
import { startInProcess, type InProcessHost } from './in-process';
import { makeResolutionClips, SIZES } from './resolution-clip';

// Dynamic resolution and hardware truth in the browser: a clip that changes size twice
// shows a badge and a timeline, its live frame chart fills while four jobs convert and
// marks each size change, and the Hardware view explains a cell on demand.

test.describe.configure({ mode: 'serial' });

// Slow enough to watch the chart fill; one encoder thread each, so four jobs on a small CI
// machine still leave the browser room to run.
const SLOW_PRESET = {
  id: 'e2e-slow-mkv',
  name: 'Slow H.264 MKV',
  container: 'matroska',
  extension: '.mkv',
  video: { codec: 'libx264', crf: 23, speed: 'slow', extraArgs: ['-threads', '1'] },
  audio: 'copy',
};

let host: InProcessHost;
let page: Page;
let consoleErrors: string[];
let clips: string[];

async function shoot(p: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme });
    await p.screenshot({ path: path.join(SCREENSHOTS, `${name}-${scheme}.png`) });
  }
  await p.emulateMedia({ colorScheme: 'light' });
}

test.beforeAll(async ({ browser }) => {
  host = await startInProcess();
  clips = makeResolutionClips(path.join(host.work, 'media'), 4);
  await host.engine.presets.import({ json: JSON.stringify(SLOW_PRESET) });
  await host.engine.settings.set({ presetId: SLOW_PRESET.id, concurrency: 4 });
  page = await (await browser.newContext()).newPage();
  consoleErrors = watchConsole(page);
});

test.afterAll(async () => {
  await closePage(page);
  await host?.close();
});

test('the queue row and the Inspector show the size changes', async () => {
  await page.goto(host.server.url);
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), clips);
  const rows = page.locator('[data-status]');
  await expect(rows).toHaveCount(4);
  // Each visible row reads its probe lazily and shows the badge.
  await expect(rows.locator('.badge-resolutions', { hasText: '3 resolutions' })).toHaveCount(4);

  await page.getByRole('button', { name: 'sizes 1.ts', exact: true }).click();
  const inspector = page.getByRole('complementary');
  const timeline = inspector.getByRole('list', { name: 'Picture size over time' });
  await expect(timeline.getByRole('listitem')).toHaveCount(3);
  for (const size of SIZES) await expect(timeline).toContainText(size.replace('x', '×'));
  await expect(inspector).toContainText('keyframe scan');
  await expect(inspector.getByText(/^Hardware decoding \(H\.264\)/)).toBeVisible();
  await expect(inspector).toContainText('none on this machine');
});

test('the live chart fills while four jobs run and marks each size change', async ({ browser }) => {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const chart = page.locator('figure.frame-chart');
  await expect(chart).toHaveAttribute('data-frames', /^[1-9]\d*$/);
  await expect(page.locator('[data-status="running"]')).not.toHaveCount(0);
  // Mid-conversion: some frames charted, the job still running.
  await expect(chart.getByText(/^Frames charted: [\d,]+/)).toBeVisible();
  await shoot(page, '10-frames-chart');

  // From here to the end of all four jobs the chart keeps drawing: watch for long tasks.
  await startLongTasks(browser, page);
  const selected = page.locator('[data-status]', { hasText: 'sizes 1.ts' });
  await expect(selected).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.locator('[data-status="done"]')).toHaveCount(4, { timeout: 120_000 });
  const tasks = await stopLongTasks(browser, page);
  test.info().annotations.push({
    type: 'perf',
    description: `long tasks while charting (ms of wall time): ${JSON.stringify(tasks.observed)}; main-thread tasks over 50 ms as [wall, CPU]: ${JSON.stringify(tasks.traced)}`,
  });
  // The page's own work never blocks for 50 ms; wall-clock long tasks whose CPU time is
  // small are the machine's load (the renderer waited for a core), not the chart.
  expect(tasks.traced.filter(([, cpu]) => cpu > 50)).toEqual([]);

  // Two size changes, marked where they are; every output frame charted.
  await expect(chart).toHaveAttribute('data-markers', String(SIZES.length - 1));
  expect(Number(await chart.getAttribute('data-frames'))).toBe(SIZES.length * 2 * 25);
  // A row's notes open in place: here the size-change note of the reinit policy.
  await page.getByText('1 note').nth(1).click();
  await expect(page.locator('.job-notes-list').first()).toContainText('picture size changes');
  await shoot(page, '11-frames-chart-done');
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
  await expectNoErrorNotices(page);
});

test('the Hardware view explains a cell and tests again', async () => {
  await page.getByRole('button', { name: 'Hardware', exact: true }).click();
  const again = page.getByRole('button', { name: 'Test again' });
  await expect(again).toBeEnabled({ timeout: 45_000 });
  const cell = page.locator('button[data-cell]').first();
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('aria-expanded', 'true');
  const details = page.locator('#hw-cell-details');
  await expect(details.getByText('Reason')).toBeVisible();
  await expect(details.getByLabel('Test command')).toContainText('ffmpeg');
  await expect(page.getByRole('heading', { name: 'FFmpeg in use' })).toBeVisible();
  await shoot(page, '12-hardware-cell');
  await expectAccessible(page);

  // The FFmpeg build in use, its configuration line behind a disclosure, and the devices.
  await page.getByText('Build configuration').click();
  await expect(page.locator('.hw-config code')).toContainText('--');
  await page.getByRole('heading', { name: 'FFmpeg in use' }).scrollIntoViewIfNeeded();
  await expect(page.getByText(/remembered|just now/)).toBeVisible();
  await shoot(page, '13-hardware-build');

  await again.click();
  await expect(page.getByRole('button', { name: 'Testing…' })).toBeDisabled();
  await expect(again).toBeEnabled({ timeout: 45_000 });
  await expect(page.getByText(/just now, in/)).toBeVisible();
  await expect(details).toBeVisible();
  expect(consoleErrors).toEqual([]);
  await expectNoErrorNotices(page);
});
