import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import {
  closePage,
  expectAccessible,
  expectNoErrorNotices,
  screenshots,
  watchConsole,
} from './checks';
import { dropFiles } from './drop';
import { startInProcess, type InProcessHost } from './in-process';
import { makeClips, type Clips } from './media';

// The queue in a small window: Start stays in reach and the details pane fits from
// 800×600 up; waiting rows say what the probe found; the toolbar tells the whole
// batch's time left; a finished job keeps its frame chart in its details.

test.describe.configure({ mode: 'serial' });

// One encoder thread, slow settings: the long clip converts for a few seconds.
const SLOW_PRESET = {
  id: 'e2e-small-slow',
  name: 'Slow H.264 MKV',
  container: 'matroska',
  extension: '.mkv',
  video: { codec: 'libx264', crf: 23, speed: 'slow', extraArgs: ['-threads', '1'] },
  audio: 'copy',
};

const SMALL = [
  { width: 820, height: 620 },
  { width: 800, height: 600 },
];

let host: InProcessHost;
let page: Page;
let consoleErrors: string[];
let clips: Clips;

const row = (name: string) => page.locator('[data-status]', { hasText: name });
const details = () => page.getByRole('complementary');

/** Start is on screen and clickable; the details pane lies wholly inside the window. */
async function expectFits(size: { width: number; height: number }): Promise<void> {
  const start = page.getByRole('button', { name: /^(Start|Pause)$/ });
  await expect(start).toBeInViewport({ ratio: 1 });
  await start.click({ trial: true });
  const box = await details().boundingBox();
  expect(box).not.toBeNull();
  if (box === null) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height + 0.5);
  // Its close button, at the top right, is not cut off either.
  await expect(details().getByRole('button', { name: 'Close details' })).toBeInViewport({
    ratio: 1,
  });
}

test.beforeAll(async ({ browser }) => {
  host = await startInProcess();
  clips = makeClips(path.join(host.work, 'media'));
  await host.engine.presets.import({ json: JSON.stringify(SLOW_PRESET) });
  await host.engine.settings.set({ presetId: SLOW_PRESET.id, concurrency: 1 });
  page = await (await browser.newContext({ viewport: SMALL[0] })).newPage();
  consoleErrors = watchConsole(page);
});

test.afterAll(async () => {
  await closePage(page);
  await host?.close();
});

test('waiting rows show what the probe found', async () => {
  await page.goto(host.server.url);
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [
    clips.long,
    ...clips.good,
    clips.corrupt,
  ]);
  await expect(page.locator('[data-status="queued"]')).toHaveCount(4);
  // Duration, picture size, codecs and file size, read lazily for the rows in view.
  await expect(row('sunrise.mp4').locator('.job-detail-text')).toHaveText(
    /^0:01 · 160×120 · H264 \/ AAC · \d[\d.]* KB$/,
  );
  await expect(row('harbour walk.mkv').locator('.job-detail-text')).toHaveText(
    /^0:01 · 160×120 · MPEG4 \/ OPUS · /,
  );
  await expect(row('long take.mkv').locator('.job-detail-text')).toHaveText(
    /^0:08 · 320×180 · MPEG4 \/ FLAC · /,
  );
  // A file FFmpeg cannot read says so before Start, with a warning to open.
  const broken = row('broken.mp4');
  await expect(broken.locator('.job-detail-text')).not.toHaveText('Press Start to convert');
  await broken.getByText('1 warning').click();
  await expect(broken.locator('.job-notes-list')).not.toBeEmpty();
  await broken.getByText('1 warning').click();
});

test('from 800×600 up, Start is in reach and the details are not cut off', async () => {
  await page.getByRole('button', { name: 'long take.mkv', exact: true }).click();
  await expect(
    details().getByRole('heading', { name: 'long take.mkv', exact: true }),
  ).toBeVisible();
  for (const size of SMALL) {
    await page.setViewportSize(size);
    await expectFits(size);
    await expectAccessible(page);
  }
  await screenshots(page, '20-small-window-waiting');
});

test('the toolbar shows the batch time left; a finished job keeps its chart', async () => {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(row('long take.mkv')).toHaveAttribute('data-status', 'running');
  const eta = page.locator('.queue-eta');
  await expect(eta).toHaveText(/^All jobs: (\d+ s|\d+ min|about [\d.]+ h) left$/);
  const chart = details().locator('figure.frame-chart');
  await expect(chart).toHaveAttribute('data-frames', /^[1-9]\d*$/);
  await expectFits(SMALL[1] ?? { width: 800, height: 600 });
  await screenshots(page, '21-small-window-running');

  await expect(row('long take.mkv')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.locator('[data-status="done"]')).toHaveCount(3, { timeout: 60_000 });
  await expect(eta).toHaveCount(0);
  // The chart stays with the finished job: still there, and again after choosing another.
  await expect(chart).toHaveAttribute('data-frames', String(8 * 25));
  await page.getByRole('button', { name: 'sunrise.mp4', exact: true }).click();
  await expect(details().getByRole('heading', { name: 'sunrise.mp4', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'long take.mkv', exact: true }).click();
  await expect(chart).toHaveAttribute('data-frames', String(8 * 25));
  await expect(chart.getByText(/^Frames charted: 200/)).toBeVisible();
  await expectFits(SMALL[1] ?? { width: 800, height: 600 });
  await expectAccessible(page);
  await screenshots(page, '22-small-window-done');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(chart).toBeVisible();
  await screenshots(page, '23-wide-window-done');
  expect(consoleErrors).toEqual([]);
  await expectNoErrorNotices(page);
});
