import { expect, test } from '@playwright/test';
import { expectAccessible, screenshots, watchConsole } from './checks';
import { openHostSession, type HostSession } from './host-session';

// Settings → Logs and diagnostics on the web host: the log's place, and "Copy diagnostics"
// showing what it copied, with no full path of this host (a browser never gets them).

let session: HostSession;

test.afterAll(async () => {
  await session?.close();
});

test('names the log and copies diagnostics without paths', async ({ browser }) => {
  session = await openHostSession(browser);
  const { page } = session;
  const consoleErrors = watchConsole(page);
  await page.goto(session.host.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'Logs and diagnostics' });
  await expect(section).toContainText('…/host.log');

  await section.getByRole('button', { name: 'Copy diagnostics' }).click();
  const text = section.getByLabel('Diagnostics text');
  await expect(text).toHaveValue(/^Framewright \d+\.\d+\.\d+ on /);
  const value = await text.inputValue();
  expect(value).toMatch(/^ffmpeg: .* — …\/ffmpeg/m);
  expect(value).toContain('log: …/host.log');
  expect(value).not.toContain(session.work);
  await section.scrollIntoViewIfNeeded();
  await screenshots(page, 'settings-diagnostics');
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
});
