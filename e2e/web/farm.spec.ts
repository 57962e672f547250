import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeClip } from '../../test/helpers/media';
import { startRedis, stopAll, waitForOutput, type TestRedis } from '../../test/farm/redis-server';
import { closePage, expectAccessible, screenshots, watchConsole } from './checks';
import { dropFiles } from './drop';
import { ROOT, startHost, type Host } from './host';

// The Farm view on a host started with --farm: a real Redis and one CLI worker. A dropped
// clip runs on the worker; the view names what it runs and how much it finished, and the
// job names where it ran.

test.describe.configure({ mode: 'serial' });

let work: string;
let redis: TestRedis;
let worker: ChildProcess;
let host: Host;
let page: Page;
let consoleErrors: string[];

test.beforeAll(async ({ browser }) => {
  work = mkdtempSync(path.join(os.tmpdir(), 'framewright-farm-e2e-'));
  mkdirSync(path.join(work, 'redis'));
  redis = await startRedis(path.join(work, 'redis'), 'farm-e2e-secret');
  const cli = path.join(ROOT, 'dist', 'cli.js');
  worker = spawn(
    process.execPath,
    [cli, 'worker', '--farm', redis.url, '--name', 'studio-1', '--allow', work],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (worker.stderr === null) throw new Error('The worker has no stderr.');
  await waitForOutput(worker.stderr, 'joined the farm');
  worker.stderr.resume();
  host = await startHost({
    outDir: path.join(work, 'out'),
    stateDir: path.join(work, 'state'),
    farm: redis.url,
  });
  page = await (await browser.newContext()).newPage();
  consoleErrors = watchConsole(page);
});

test.afterAll(async () => {
  await closePage(page);
  await host?.stop();
  await stopAll({ workers: [worker], redis, dir: work });
});

test('the Farm view shows the worker, what it runs and its throughput; the job names its worker', async () => {
  const clip = makeClip(path.join(work, 'harbour.mp4'), {
    seconds: 6,
    size: '640x360',
  });
  await page.goto(host.url);
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [clip]);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const row = page.locator('[data-status]').first();
  await expect(row).toContainText('on studio-1');

  await page.getByRole('button', { name: 'Farm', exact: true }).click();
  const card = page.locator('[data-worker="studio-1"]');
  await expect(card).toContainText('online');
  await expect(card).toContainText('harbour.mp4');
  await screenshots(page, 'farm-busy');

  await page.getByRole('button', { name: 'Queue', exact: true }).click();
  await expect(page.locator('[data-status="done"]')).toContainText(/Saved as .* on studio-1/);
  await page.getByRole('button', { name: 'Farm', exact: true }).click();
  await expect(card).toContainText(/Throughput\s*1 job or chunk in the last 1 min/);
  await expect(card).toContainText('idle');
  await screenshots(page, 'farm-idle');
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
});
