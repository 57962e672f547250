import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expectAccessible, expectNoErrorNotices, screenshots } from './checks';
import { dropFiles } from './drop';
import { openPresetSession, type InProcessHost, type PresetSession } from './in-process';

// A job with a quality target: its row shows the search as a step with progress, and the
// details pane what the search chose, predicted and measured.

test.describe.configure({ mode: 'serial' });

/** A preset that encodes every output to an SSIM target. */
const TARGET_PRESET = {
  id: 'e2e-quality',
  name: 'H.264 MP4 at SSIM 0.98',
  container: 'mp4',
  extension: '.mp4',
  video: { codec: 'libx264', crf: 30, speed: 'ultrafast' },
  audio: 'copy',
  quality: { metric: 'ssim', target: 0.98 },
};

let session: PresetSession;
let host: InProcessHost;
let page: Page;
let consoleErrors: string[];

test.beforeAll(async ({ browser }) => {
  session = await openPresetSession(browser, TARGET_PRESET);
  ({ host, page, consoleErrors } = session);
});

test.afterAll(async () => {
  await session?.close();
});

test('the search is a step of the row, and the details say what it found', async () => {
  const clip = path.join(host.work, 'grainy picture.mkv');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-v', 'error', '-nostdin', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10:duration=8'],
    ...['-vf', 'noise=alls=16:allf=t+u', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
    clip,
  ]);
  await page.goto(host.server.url);
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [clip]);
  const row = page.locator('[data-status]', { hasText: 'grainy picture.mkv' });
  await row.getByRole('button', { name: 'grainy picture.mkv', exact: true }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(row.locator('.status-label')).toHaveText('Searching quality');
  await expect(row).toContainText('for SSIM 0.9800');
  const inspector = page.getByRole('complementary');
  const status = inspector.locator('.fact', { hasText: 'Status' });
  await expect(status).toContainText('Searching quality');
  await screenshots(page, '32-quality-searching');
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  await expect(status).toContainText('Done');
  const section = inspector.getByRole('region', { name: 'Quality target' });
  await expect(section.locator('.fact', { hasText: 'Target' })).toContainText('SSIM 0.9800');
  await expect(section.locator('.fact', { hasText: 'CRF' }).first()).toContainText(/^CRF\d+/);
  await expect(section.locator('.fact', { hasText: 'Output' })).toContainText(/SSIM 0\.9\d{3}/);
  await expect(section.locator('.fact', { hasText: 'Trials' })).toContainText(/CRF 30: 0\.\d{4}/);
  await section.scrollIntoViewIfNeeded();
  await screenshots(page, '33-quality-details');
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
  await expectNoErrorNotices(page);
});
