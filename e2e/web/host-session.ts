import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closePage } from './checks';
import { startHost, type Host } from './host';

// The real web host in a folder of its own (out/ and state/ inside), and a page for it.

export interface HostSession {
  work: string;
  outDir: string;
  stateDir: string;
  host: Host;
  page: Page;
  /** Closes the page, stops the host and removes the folder. */
  close(): Promise<void>;
}

export async function openHostSession(browser: Browser): Promise<HostSession> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'framewright-e2e-'));
  const outDir = path.join(work, 'out');
  const stateDir = path.join(work, 'state');
  const host = await startHost({ outDir, stateDir });
  const page = await (await browser.newContext()).newPage();
  return {
    work,
    outDir,
    stateDir,
    host,
    page,
    async close() {
      await closePage(page);
      await host.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
