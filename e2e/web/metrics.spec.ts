import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expectAccessible, expectNoErrorNotices, screenshots } from './checks';
import { dropFiles } from './drop';
import { openPresetSession, type InProcessHost, type PresetSession } from './in-process';

// A job that measures its output: the frame chart draws the SSIM line over the frames,
// the details pane gives the scores, and the job panel offers the setting.

test.describe.configure({ mode: 'serial' });

/** A preset that measures every output (the job panel offers the same per job). */
const MEASURED_PRESET = {
  id: 'e2e-measured',
  name: 'H.264 MP4, measured',
  container: 'mp4',
  extension: '.mp4',
  video: { codec: 'libx264', crf: 38, speed: 'ultrafast' },
  audio: 'copy',
  metrics: { names: ['ssim', 'psnr'] },
};

let session: PresetSession;
let host: InProcessHost;
let page: Page;
let consoleErrors: string[];

test.beforeAll(async ({ browser }) => {
  session = await openPresetSession(browser, MEASURED_PRESET);
  ({ host, page, consoleErrors } = session);
});

test.afterAll(async () => {
  await session?.close();
});

test('the chart draws the measured quality and the details give the scores', async () => {
  const clip = path.join(host.work, 'moving picture.mp4');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=4'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', clip],
  ]);
  await page.goto(host.server.url);
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [clip]);
  const row = page.locator('[data-status]', { hasText: 'moving picture.mp4' });
  await row.getByRole('button', { name: 'moving picture.mp4', exact: true }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  const inspector = page.getByRole('complementary');
  const quality = inspector.locator('.fact', { has: page.getByText('Measured quality') });
  await expect(quality).toContainText(/SSIM 0\.\d{4} · PSNR \d+\.\d{2} dB/);
  const legend = inspector.getByRole('list', { name: 'Chart legend' });
  await expect(legend).toContainText('SSIM against the source (outer left axis)');
  const chart = page.locator('figure.frame-chart');
  await expect(chart).toHaveAttribute('data-frames', '100');
  await chart.scrollIntoViewIfNeeded();
  await screenshots(page, '30-metrics-chart');
  await expectAccessible(page);

  // The job panel offers the setting (read-only here: the job has run).
  await inspector.getByRole('tab', { name: 'Settings' }).click();
  const measure = inspector.getByLabel('Measure quality');
  await expect(measure).toBeDisabled();
  await expect(measure.locator('option')).toHaveText([
    'As the preset says',
    'SSIM and PSNR, every frame',
    'SSIM and PSNR, every 10th frame',
  ]);
  await measure.scrollIntoViewIfNeeded();
  await screenshots(page, '31-metrics-panel');
  expect(consoleErrors).toEqual([]);
  await expectNoErrorNotices(page);
});
