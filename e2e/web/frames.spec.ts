import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { expectAccessible, expectNoErrorNotices, SCREENSHOTS, watchConsole } from './checks';
import { dropFiles } from './drop';
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

/** The page-side long-task recorder (the Node tsconfig has no DOM types). */
interface LongTask {
  startTime: number;
  duration: number;
}
interface Observer {
  observe(options: { type: string }): void;
  takeRecords(): LongTask[];
}
interface LongTaskGlobals {
  PerformanceObserver: new (callback: (list: { getEntries(): LongTask[] }) => void) => Observer;
  performance: { now(): number };
  __longTasks?: { tasks: LongTask[]; observer: Observer };
}

let host: InProcessHost;
let page: Page;
let consoleErrors: string[];
let clips: string[];

/** Starts recording long tasks (once per page); returns the page's clock now. */
function watchLongTasks(p: Page): Promise<number> {
  return p.evaluate(() => {
    const g = globalThis as unknown as LongTaskGlobals;
    if (g.__longTasks === undefined) {
      const tasks: LongTask[] = [];
      const observer = new g.PerformanceObserver((list) => {
        for (const { startTime, duration } of list.getEntries())
          tasks.push({ startTime, duration });
      });
      observer.observe({ type: 'longtask' });
      g.__longTasks = { tasks, observer };
    }
    return g.performance.now();
  });
}

/** Long tasks (in ms) that started between two readings of the page's clock. */
async function longTasks(p: Page, from: number, to: number): Promise<number[]> {
  // Entries arrive asynchronously: take the ones not yet delivered too.
  const tasks = await p.evaluate(() => {
    const recorder = (globalThis as unknown as LongTaskGlobals).__longTasks;
    if (recorder === undefined) return [];
    for (const { startTime, duration } of recorder.observer.takeRecords())
      recorder.tasks.push({ startTime, duration });
    return recorder.tasks;
  });
  return tasks
    .filter((t) => t.startTime >= from && t.startTime < to)
    .map((t) => Math.round(t.duration));
}

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
  await page
    ?.context()
    .close()
    .catch(() => undefined);
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

test('the live chart fills while four jobs run and marks each size change', async () => {
  const started = await watchLongTasks(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const chart = page.locator('figure.frame-chart');
  await expect(chart).toHaveAttribute('data-frames', /^[1-9]\d*$/);
  await expect(page.locator('[data-status="running"]')).not.toHaveCount(0);
  // Mid-conversion: some frames charted, the job still running.
  await expect(chart.getByText(/^Frames charted: [\d,]+/)).toBeVisible();
  const shooting = await watchLongTasks(page);
  await shoot(page, '10-frames-chart');

  const resumed = await watchLongTasks(page);
  const selected = page.locator('[data-status]', { hasText: 'sizes 1.ts' });
  await expect(selected).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(page.locator('[data-status="done"]')).toHaveCount(4, { timeout: 120_000 });
  const ended = await watchLongTasks(page);
  // The theme switches for the screenshots are the test's doing; they are left out.
  const during = await longTasks(page, started, shooting);
  const after = await longTasks(page, resumed, ended);
  const themed = await longTasks(page, shooting, resumed);
  // Two size changes, marked where they are.
  await expect(chart).toHaveAttribute('data-markers', String(SIZES.length - 1));
  const frames = Number(await chart.getAttribute('data-frames'));
  expect(frames).toBe(SIZES.length * 2 * 25);
  test.info().annotations.push({
    type: 'perf',
    description: `long tasks while charting: ${JSON.stringify([...during, ...after])}; during the theme switches for screenshots: ${JSON.stringify(themed)}`,
  });
  expect([...during, ...after].filter((ms) => ms > 50)).toEqual([]);
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
