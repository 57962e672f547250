import { expect, test, type Locator, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expectAccessible, expectNoErrorNotices, screenshots } from './checks';
import { dropFiles } from './drop';
import { openHostSession, type HostSession } from './host-session';
import { makeClips, type Clips } from './media';

// The preset editor on the web host: a built-in is duplicated, edited with the schema's
// sentences shown live under each field, saved to the user preset store, and then
// converts a dropped clip with its own CRF.

test.describe.configure({ mode: 'serial' });

let session: HostSession;
let clips: Clips;
let page: Page;

test.beforeAll(async ({ browser }) => {
  session = await openHostSession(browser);
  clips = makeClips(path.join(session.work, 'media'));
  page = session.page;
});

test.afterAll(async () => {
  await session?.close();
});

const editor = (p: Page) => p.locator('.preset-editor');

/** Screenshots at 1280×800 and 800×600 (with `target` in view), then axe in both themes. */
async function bothSizes(name: string, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await screenshots(page, `${name}-1280`);
  await page.setViewportSize({ width: 800, height: 600 });
  await target.scrollIntoViewIfNeeded();
  await screenshots(page, `${name}-800`);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const crf = (p: Page) => p.getByLabel('Quality (CRF)');
const extra = (p: Page) => p.getByLabel('Extra video options');
const save = (p: Page) => p.getByRole('button', { name: 'Save preset' });

test('a built-in preset shows every field read-only', async () => {
  await page.goto(session.host.url);
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await page.getByRole('button', { name: 'H.264 MP4 (web)', exact: true }).click();
  await expect(editor(page).getByRole('heading', { name: 'H.264 MP4 (web)' })).toBeVisible();
  // Built-ins are read-only.
  await expect(crf(page)).toHaveAttribute('readonly', '');
  await expect(save(page)).toHaveCount(0);
  await screenshots(page, 'preset-editor-built-in-1280');
  await expectAccessible(page);
});

test('a duplicated built-in shows each problem under its field as it is typed', async () => {
  // By keyboard: Enter on Duplicate here, and Enter in a field saves later.
  await page.getByRole('button', { name: 'Duplicate to edit' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('heading', { name: 'New preset' })).toBeFocused();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('H.264 MP4 (web) (copy)');
  await expect(page.getByLabel('Id', { exact: true })).toHaveValue('h264-mp4-copy');

  await page.getByLabel('Name', { exact: true }).fill('Small H.264');
  await page.getByLabel('Id', { exact: true }).fill('Small H264');
  await crf(page).fill('70');
  await extra(page).fill('-x264-params stats=/tmp/x');
  await expect(page.getByLabel('Id', { exact: true })).toHaveAccessibleDescription(
    /use lowercase letters, digits and dashes/,
  );
  await expect(crf(page)).toHaveAccessibleDescription(/Too big: expected number to be <=63/);
  await expect(crf(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(extra(page)).toHaveAccessibleDescription(
    /-x264-params key "stats" is not allowed for libx264/,
  );
  await expect(editor(page).getByRole('status')).toHaveText('3 problems to fix before saving.');
  await expect(save(page)).toBeDisabled();

  await bothSizes('preset-editor-errors', crf(page));
});

test('fixed, the copy saves to the user preset store', async () => {
  await page.getByLabel('Id', { exact: true }).fill('small-h264');
  await crf(page).fill('30');
  await extra(page).fill('-tune film');
  await expect(crf(page)).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('.pe-error')).toHaveCount(0);
  await expect(save(page)).toBeEnabled();
  await crf(page).press('Enter');

  await expect(page.getByRole('button', { name: 'Small H.264', exact: true })).toBeVisible();
  await expect(editor(page).getByRole('heading', { name: 'Edit Small H.264' })).toBeVisible();
  await expect(editor(page).getByRole('status')).toHaveText('No unsaved changes.');
  await expectNoErrorNotices(page);
  // A saved preset stays editable; Undo puts back what was saved.
  await crf(page).fill('28');
  await expect(editor(page).getByRole('status')).toHaveText('Unsaved changes.');
  await page.getByRole('button', { name: 'Undo changes' }).click();
  await expect(crf(page)).toHaveValue('30');
  await expect(editor(page).getByRole('status')).toHaveText('No unsaved changes.');
  // The user preset store that the command line reads too.
  const stored: unknown = JSON.parse(
    readFileSync(path.join(session.stateDir, 'presets', 'small-h264.json'), 'utf8'),
  );
  expect(stored).toMatchObject({
    id: 'small-h264',
    video: { codec: 'libx264', crf: 30, extraArgs: ['-tune', 'film'] },
  });
  await screenshots(page, 'preset-editor-saved-1280');
});

test('the saved preset converts a dropped clip with its CRF', async () => {
  await page.getByRole('button', { name: 'Use preset Small H.264' }).click();
  await page.getByRole('button', { name: 'Queue', exact: true }).click();
  await dropFiles(page.getByRole('button', { name: 'Add files', exact: true }), [clips.good[0]!]);
  await page.getByRole('button', { name: 'sunrise.mp4', exact: true }).click();

  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  const command = page.getByLabel('FFmpeg command');
  await expect(command).toContainText('sunrise.mp4');
  await expect(command).toContainText('-crf 30');
  await expect(command).toContainText('-tune film');
  await bothSizes('preset-editor-command', command);

  await page.getByRole('button', { name: 'Queue', exact: true }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('[data-status="done"]')).toHaveCount(1);
  const [output] = readdirSync(session.outDir).filter((name) => !name.startsWith('.'));
  // x264 writes the settings it ran with into the stream.
  expect(readFileSync(path.join(session.outDir, output!)).toString('latin1')).toContain('crf=30.0');
});

test('a user preset can be removed; built-ins cannot', async () => {
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Remove H.264 MP4 (web)' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Use preset H.264 MP4 (web)' }).click();
  await page.getByRole('button', { name: 'Remove Small H.264' }).click();
  await expect(page.getByRole('button', { name: 'Small H.264', exact: true })).toHaveCount(0);
  expect(existsSync(path.join(session.stateDir, 'presets', 'small-h264.json'))).toBe(false);
  await expectNoErrorNotices(page);
});
