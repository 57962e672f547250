import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Locator,
  type Page,
} from '@playwright/test';
import { decodeErrors, makeClip, tempDir } from '../../test/helpers/media';
import { findElectron, ROOT } from '../../scripts/electron-available.cjs';

// The desktop app end to end: launch the built app in Electron, drop a clip on "Add
// files", open another from the OS (command line), press Start, and see both rows done.
// Runs only where an Electron binary exists; elsewhere it is skipped with the reason.

const binary = findElectron();
test.skip(
  !binary.available,
  `No Electron binary here, so the Electron spec is skipped: ${binary.available ? '' : binary.reason}.`,
);
test.describe.configure({ timeout: 120_000 });

// The spec is type-checked without DOM types; these name the little of the page it touches.
interface FileInput {
  type: string;
  multiple: boolean;
  hidden: boolean;
  files: ArrayLike<object> | null;
  remove(): void;
}
interface PageGlobals {
  document: { createElement(tag: 'input'): FileInput; body: { append(node: FileInput): void } };
  DataTransfer: new () => { items: { add(file: object): void } };
  location: { href: string };
  require?: unknown;
  process?: unknown;
  framewright?: { host?: string };
}

/** A real drop of disk-backed Files (so webUtils.getPathForFile sees their paths). */
async function dropFromDisk(page: Page, target: Locator, files: string[]): Promise<void> {
  const input = await page.evaluateHandle(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const element = document.createElement('input');
    element.type = 'file';
    element.multiple = true;
    element.hidden = true;
    document.body.append(element);
    return element;
  });
  const element = input.asElement();
  if (element === null) throw new Error('The file input was not created.');
  await element.setInputFiles(files);
  const transfer = await page.evaluateHandle((fileInput) => {
    const data = new (globalThis as unknown as PageGlobals).DataTransfer();
    for (const file of Array.from(fileInput.files ?? [])) data.items.add(file);
    fileInput.remove();
    return data;
  }, input);
  for (const type of ['dragenter', 'dragover', 'drop'])
    await target.dispatchEvent(type, { dataTransfer: transfer });
  await transfer.dispose();
  await input.dispose();
}

let app: ElectronApplication | undefined;

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('drop and open clips, start, and get two done rows with decodable outputs', async () => {
  if (!binary.available) return;
  const work = tempDir('fw-electron-');
  const media = path.join(work, 'media');
  const outDir = path.join(work, 'out');
  mkdirSync(media);
  mkdirSync(outDir);
  const dropped = makeClip(path.join(media, 'dropped.mp4'));
  const opened = makeClip(path.join(media, 'opened.mkv'));

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  Object.assign(env, {
    FRAMEWRIGHT_STATE_DIR: path.join(work, 'state'),
    FRAMEWRIGHT_OUT_DIR: outDir,
  });
  // Chromium will not start as root with its OS sandbox (containers); the renderer keeps sandbox: true.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

  app = await electron.launch({
    executablePath: binary.path,
    args: [...rootArgs, path.join(ROOT, 'dist/electron/main.js'), opened],
    cwd: ROOT,
    env,
  });
  const page = await app.firstWindow();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  // The page sees the bridge and nothing of Node.
  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { require: typeof g.require, process: typeof g.process, host: g.framewright?.host };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', host: 'electron' });

  const addFiles = page.getByRole('button', { name: 'Add files', exact: true });
  await expect(addFiles).toBeVisible();
  await expect(page.locator('[data-status]')).toHaveCount(1); // the clip opened from the command line
  await dropFromDisk(page, addFiles, [dropped]);
  await expect(page.locator('[data-status]')).toHaveCount(2);

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.locator('[data-status="done"]')).toHaveCount(2, { timeout: 90_000 });

  const outputs = readdirSync(outDir).filter((name) => !name.startsWith('.'));
  expect(outputs).toHaveLength(2);
  for (const name of outputs) expect(decodeErrors(path.join(outDir, name))).toBe('');

  // Navigation away from the app is refused.
  const before = page.url();
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });
  await expect(page.locator('[data-status="done"]')).toHaveCount(2);
  expect(page.url()).toBe(before);
  expect(errors).toEqual([]);
});
