import { expect, test, type Page } from '@playwright/test';
import { closePage, expectAccessible, expectNoErrorNotices, screenshots } from './checks';
import { openFilm } from './film-host';
import type { InProcessHost } from './in-process';

// The preview of a job: stills before and after with a divide or side by side, a clip
// that plays, the size estimate; a preview can be cancelled and never holds the queue.

test.describe.configure({ mode: 'serial' });

let host: InProcessHost;
let page: Page;
let consoleErrors: string[];

const details = () => page.getByRole('complementary');
const NAME = 'preview film.mkv';

test.beforeAll(async ({ browser }) => {
  ({ host, page, consoleErrors } = await openFilm(browser, NAME, 12));
});

test.afterAll(async () => {
  await closePage(page);
  await host?.close();
});

test('a preview can be cancelled', async () => {
  // The tabs are reached with the arrow keys.
  await page.getByRole('tab', { name: 'Details' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Preview' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Preview' })).toHaveAttribute('aria-selected', 'true');
  await details().getByRole('button', { name: 'Make a preview' }).click();
  await expect(details().getByText('Making the preview…')).toBeVisible();
  await details().getByRole('button', { name: 'Cancel preview' }).click();
  await expect(details().getByText('The preview was cancelled.')).toBeVisible();
  await expect(details().getByRole('button', { name: 'Make a preview' })).toBeEnabled();
  await expectNoErrorNotices(page);
});

test('the preview shows stills before and after, a playing clip and the estimate', async () => {
  // Encoding stills and a clip on a shared two-core machine.
  test.setTimeout(180_000);
  // Unsaved settings are what the preview shows.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await details().getByLabel('Quality (CRF)').fill('40');
  await page.getByRole('tab', { name: 'Preview' }).click();
  await details().getByRole('button', { name: 'Make a preview' }).click();
  await expect(details().getByText(/Estimated output: \d+(\.\d)? [KM]B/)).toBeVisible({
    timeout: 60_000,
  });

  const stills = details().locator('.compare-stack img');
  await expect(stills).toHaveCount(2);
  for (const img of await stills.all())
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
  await expect(details().getByText(/· 1 of 5/)).toBeVisible();
  await details().getByRole('button', { name: 'Next position' }).click();
  await expect(details().getByText(/· 2 of 5/)).toBeVisible();
  await details().getByLabel('Before and after divide').fill('20');
  await expect(details().locator('.compare-after')).toHaveAttribute(
    'style',
    /inset\(0px 0px 0px 20%\)/,
  );

  const video = details().getByLabel('Preview clip');
  await video.evaluate((el) => {
    const v = el as unknown as { play(): Promise<void> };
    return v.play();
  });
  await expect
    .poll(() => video.evaluate((el) => (el as unknown as { currentTime: number }).currentTime))
    .toBeGreaterThan(0);
  await video.evaluate((el) => (el as unknown as { pause(): void }).pause());

  await screenshots(page, 'preview-1280');
  await details().getByLabel('Side by side').check();
  await expect(details().getByRole('img', { name: /The output at/ })).toBeVisible();
  await page.setViewportSize({ width: 800, height: 600 });
  await screenshots(page, 'preview-800');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page);
  await expectNoErrorNotices(page);
  expect(consoleErrors).toEqual([]);
});
