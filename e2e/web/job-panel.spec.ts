import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { closePage, expectAccessible, expectNoErrorNotices, screenshots } from './checks';
import { dropFiles } from './drop';
import { openFilm } from './film-host';
import type { InProcessHost } from './in-process';
import { makeFilm, PICTURE } from './panel-media';

// The job panel on a letterboxed film with three audio tracks: choose and order the
// tracks, crop the black bars, change the quality, watch the command follow, apply,
// convert, and find in the output what was chosen.

test.describe.configure({ mode: 'serial' });

let host: InProcessHost;
let page: Page;
let consoleErrors: string[];

const panel = () => page.getByRole('form', { name: 'Job settings' });
const command = () => panel().getByLabel('Planned FFmpeg command');
const tracks = () =>
  panel().getByRole('list', { name: 'Audio tracks, in output order' }).getByRole('listitem');
const NAME = 'letterboxed film.mkv';
/** One row of the details pane's facts, by its label. */
const fact = (label: string) =>
  page.locator('.fact', { has: page.getByText(label, { exact: true }) });

interface Probed {
  streams: {
    codec_type: string;
    width?: number;
    height?: number;
    tags?: { language?: string };
    disposition?: { default?: number };
  }[];
}

function probe(file: string): Probed {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file]);
  return JSON.parse(out.toString()) as Probed;
}

test.beforeAll(async ({ browser }) => {
  ({ host, page, consoleErrors } = await openFilm(browser, NAME, 4));
  await page.getByRole('tab', { name: 'Settings' }).click();
});

test.afterAll(async () => {
  await closePage(page);
  await host?.close();
});

test('tracks are listed from the probe, chosen and ordered', async () => {
  await panel().getByLabel('Tracks', { exact: true }).selectOption({ label: 'Choose tracks…' });
  await expect(tracks()).toHaveCount(3);
  await expect(tracks().nth(0)).toContainText('#1 · eng · AAC · 1 ch · “Main”');
  await expect(tracks().nth(1)).toContainText('#2 · fra · AAC · 1 ch · “Version française”');
  await expect(tracks().nth(2)).toContainText('#3 · deu · AAC · 6 ch · “Kommentar”');
  await expect(command()).toContainText('-map 0:2 ');

  // French out; the German commentary first (it becomes the default track).
  await panel()
    .getByRole('checkbox', { name: /#2 · fra/ })
    .uncheck();
  await panel().getByRole('button', { name: 'Move track #3 up' }).click();
  await expect(tracks().nth(0)).toContainText('deu');
  await expect(tracks().nth(0)).toContainText('default');
  await expect(tracks().nth(1)).toContainText('eng');
  await expect(command()).toContainText('-map 0:3 -map 0:1 ');
  await expect(command()).not.toContainText('-map 0:2 ');
});

test('errors are said next to the field, and the command waits for valid settings', async () => {
  const crf = panel().getByLabel('Quality (CRF)');
  await crf.fill('99');
  await expect(panel().getByText('At most 63.')).toBeVisible();
  await expect(crf).toHaveAttribute('aria-invalid', 'true');
  await expect(panel().getByText('Correct the settings marked above')).toBeVisible();
  await expect(panel().getByRole('button', { name: 'Apply' })).toBeDisabled();
  await crf.fill('30');
  await expect(panel().getByText('At most 63.')).toHaveCount(0);
  await expect(command()).toContainText('-crf 30');

  await panel().getByLabel('Start').fill('0:07');
  await panel().getByLabel('End').fill('0:02');
  await expect(panel().getByText('The end must come after the start.')).toBeVisible();
  await panel().getByLabel('Start').fill('');
  await panel().getByLabel('End').fill('');
  await expect(panel().getByText('The end must come after the start.')).toHaveCount(0);
});

test('the black bars are detected and cropped', async () => {
  await expect(
    panel().getByRole('button', { name: 'Detect black bars and interlacing' }),
  ).toBeVisible();
  // Choosing the detected crop asks for the detection.
  await panel().getByLabel('Crop').selectOption({ label: 'Remove black bars (detected)' });
  const { width, height, barHeight } = PICTURE;
  await expect(panel().getByRole('status').first()).toContainText(
    `Found black bars around a ${width} × ${height} at 0, ${barHeight} picture; progressive.`,
  );
  await expect(command()).toContainText(`crop=${width}:${height}:0:${barHeight}`);
  await expect(command()).toContainText('-crf 30');
  await expectNoErrorNotices(page);
  await panel().locator('summary', { hasText: 'Audio' }).scrollIntoViewIfNeeded();
  await screenshots(page, 'job-panel-1280');
  await command().scrollIntoViewIfNeeded();
  await screenshots(page, 'job-panel-command-1280');
  await page.setViewportSize({ width: 800, height: 600 });
  await panel().locator('summary', { hasText: 'Audio' }).scrollIntoViewIfNeeded();
  await screenshots(page, 'job-panel-800');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page);
});

test('applied settings mark the row, and the output has what was chosen', async () => {
  // Two chunks: the preview becomes the join of the parts.
  await panel().getByLabel('Chunks').selectOption({ label: '2 chunks' });
  await expect(command()).toContainText('-f concat');
  await expect(command()).toContainText('chunks.ffconcat');
  await expect(panel().getByText('this command joins them')).toBeVisible();
  await command().scrollIntoViewIfNeeded();
  await screenshots(page, 'job-panel-chunks-command-1280');
  await panel().getByRole('button', { name: 'Apply' }).click();
  const row = page.locator('[data-status]', { hasText: NAME });
  await expect(row.getByText('Custom settings')).toBeVisible();
  await expect(panel().getByRole('button', { name: 'Apply' })).toBeDisabled();

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('[data-status="done"]')).toHaveCount(1);
  const outputs = readdirSync(host.outDir).filter((name) => !name.startsWith('.'));
  expect(outputs).toHaveLength(1);
  const { streams } = probe(path.join(host.outDir, outputs[0] ?? ''));
  const video = streams.filter((s) => s.codec_type === 'video');
  const audio = streams.filter((s) => s.codec_type === 'audio');
  expect(video.map((s) => [s.width, s.height])).toEqual([[PICTURE.width, PICTURE.height]]);
  expect(audio.map((s) => s.tags?.language)).toEqual(['deu', 'eng']);
  expect(audio.map((s) => s.disposition?.default)).toEqual([1, 0]);

  // A finished job's settings can be read, not changed.
  await expect(
    panel().getByText('This job has started, so its settings can only be read.'),
  ).toBeVisible();
  await expect(panel().getByLabel('Quality (CRF)')).toBeDisabled();
  await expect(panel().getByLabel('Quality (CRF)')).toHaveValue('30');

  // The details say how it ran: in two chunks, decoded in software (no GPU here).
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(fact('Chunks')).toContainText('2');
  await expect(fact('Decoder')).toContainText('h264 (software)');
  await fact('Decoder').scrollIntoViewIfNeeded();
  await screenshots(page, 'job-details-decoder-1280');
  await page.getByRole('tab', { name: 'Settings' }).click();
  expect(consoleErrors).toEqual([]);
});

test('Ctrl-click selects several jobs; Apply saves the settings on each', async () => {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const media = path.join(host.work, 'media');
  const more = ['second.mkv', 'third.mkv'].map((name) => makeFilm(media, name, 1));
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), more);
  await page.getByRole('button', { name: 'second.mkv', exact: true }).click();
  await page
    .getByRole('button', { name: 'third.mkv', exact: true })
    .click({ modifiers: ['Control'] });
  await expect(page.getByRole('heading', { name: 'second.mkv and 1 more' })).toBeVisible();
  await expect(panel().getByText('Applies to 2 jobs')).toBeVisible();
  await panel().getByLabel('Quality (CRF)').fill('35');
  await panel()
    .getByLabel('Chunks')
    .selectOption({ label: 'Auto: only where it pays on this machine' });
  await panel().getByLabel('Hardware decoding').selectOption({ label: 'Off: decode in software' });
  await panel().locator('summary', { hasText: 'Performance' }).scrollIntoViewIfNeeded();
  await screenshots(page, 'job-panel-speed-1280');
  await panel().getByRole('button', { name: 'Apply to 2 jobs' }).click();
  for (const name of ['second.mkv', 'third.mkv'])
    await expect(
      page.locator('[data-status]', { hasText: name }).getByText('Custom settings'),
    ).toBeVisible();
  const saved = (await host.engine.jobs.list()).filter((j) => j.status === 'queued');
  expect(saved.map((j) => j.spec.settings)).toEqual([
    { crf: 35, chunks: 'auto', hwDecode: 'off' },
    { crf: 35, chunks: 'auto', hwDecode: 'off' },
  ]);
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(fact('Settings')).toContainText('custom: quality, chunks, hardware decoding');
  await page.getByRole('tab', { name: 'Settings' }).click();

  // With a finished job in the selection, the settings can only be read.
  await page.getByRole('button', { name: NAME, exact: true }).click({ modifiers: ['Control'] });
  await expect(panel().getByText('1 selected job has started')).toBeVisible();
  await expect(panel().getByLabel('Quality (CRF)')).toBeDisabled();
  await expectNoErrorNotices(page);
  expect(consoleErrors).toEqual([]);
});
