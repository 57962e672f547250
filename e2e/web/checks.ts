import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import path from 'node:path';
import { ROOT } from './host';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** Collects console errors and uncaught page errors from now on. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Fails on serious or critical axe-core violations in either theme, naming each with its elements. */
export async function expectAccessible(page: Page): Promise<void> {
  const serious: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    for (const v of results.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      serious.push(
        `${scheme} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(serious).toEqual([]);
}

/** Saves the page in the light and the dark theme. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** No error sentence is showing (a failed api call becomes one). */
export async function expectNoErrorNotices(page: Page): Promise<void> {
  await expect(page.locator('.notice.error')).toHaveCount(0);
}

/** Closes the page's browser context, if the suite got as far as opening one. */
export async function closePage(page: Page | undefined): Promise<void> {
  await page
    ?.context()
    .close()
    .catch(() => undefined);
}
