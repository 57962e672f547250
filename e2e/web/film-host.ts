import type { Browser, Page } from '@playwright/test';
import path from 'node:path';
import { watchConsole } from './checks';
import { dropFiles } from './drop';
import { startInProcess, type InProcessHost } from './in-process';
import { makeFilm } from './panel-media';

// A host with one film in its queue, selected in a 1280×800 page: where the job panel
// and preview specs start.

export interface FilmSession {
  host: InProcessHost;
  page: Page;
  consoleErrors: string[];
}

export async function openFilm(
  browser: Browser,
  name: string,
  seconds: number,
): Promise<FilmSession> {
  const host = await startInProcess();
  const film = makeFilm(path.join(host.work, 'media'), name, seconds);
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  const consoleErrors = watchConsole(page);
  await page.goto(host.server.url);
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [film]);
  await page.getByRole('button', { name, exact: true }).click();
  return { host, page, consoleErrors };
}
