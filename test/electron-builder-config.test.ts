import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

// electron-builder.yml is checked exactly as `electron-builder` checks it before a build:
// its own loader (js-yaml, `extends` resolution) and its own schema validation (ajv with
// app-builder-lib/scheme.json). Packaging itself needs an Electron download, so it is not
// run here.

const root = path.resolve(import.meta.dirname, '..');
const configPath = path.join(root, 'electron-builder.yml');

async function load(): Promise<Configuration> {
  return getConfig(root, configPath, null);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** File patterns, whether written as strings or as { filter } sets (getConfig normalises to the latter). */
function patterns(value: unknown): unknown[] {
  return asList(value).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : asList((entry as { filter?: unknown }).filter),
  );
}

function targetNames(value: unknown): string[] {
  return asList(value).map((target) =>
    typeof target === 'string' ? target : (target as { target: string }).target,
  );
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator rejects what it should (the check is real)', async () => {
    const config = { ...(await load()), notAnOption: true } as Configuration;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(
      /unknown property 'notAnOption'/,
    );
  });

  it('names the app and builds AppImage, deb, NSIS and dmg', async () => {
    const config = await load();
    expect(config.appId).toBe('org.framewright.app');
    expect(config.productName).toBe('Framewright');
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetNames(config.win?.target)).toContain('nsis');
    expect(targetNames(config.mac?.target)).toContain('dmg');
  });

  it('packs the built app and unpacks the ffmpeg binaries from the asar', async () => {
    const config = await load();
    expect(patterns(config.files)).toEqual(
      expect.arrayContaining(['dist/**', 'resources/**', 'package.json']),
    );
    expect(patterns(config.asarUnpack)).toEqual(
      expect.arrayContaining(['node_modules/ffmpeg-static/**', 'node_modules/ffprobe-static/**']),
    );
    expect(asList(config.extraResources)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'resources/presets', to: 'presets' }),
      ]),
    );
  });

  it("keeps tests, benches and end-to-end specs out of the package (electron-builder's own matcher)", async () => {
    const config = await load();
    const packed = new FileMatcher(root, root, (p) => p, patterns(config.files) as string[]);
    const filter = packed.createFilter();
    const inPackage = (file: string): boolean => {
      const full = path.join(root, file);
      return filter(full, statSync(full));
    };
    for (const file of ['dist/cli.js', 'package.json', 'resources/presets/h264-mp4.json'])
      expect(inPackage(file), file).toBe(true);
    for (const file of [
      'test/electron-builder-config.test.ts',
      'bench/run.mjs',
      'e2e/web/checks.ts',
      'platform/folders.test.ts',
      'resources/bin/framewright',
    ])
      expect(inPackage(file), file).toBe(false);
  });

  it('ships the framewright command beside app.asar (resources/bin)', async () => {
    const config = await load();
    const bin = asList(config.extraResources).find(
      (entry) => (entry as { from?: unknown }).from === 'resources/bin',
    );
    expect(bin).toMatchObject({ to: 'bin' });
    expect(patterns(bin)).toEqual(['framewright', 'framewright.cmd']);
  });

  it('publishes updates for electron-updater: one generic URL, and the zip macOS installs from', async () => {
    const config = await load();
    const publish = asList(config.publish);
    expect(publish).toHaveLength(1);
    const { provider, url } = publish[0] as { provider?: unknown; url?: unknown };
    expect(provider).toBe('generic');
    expect(url).toMatch(/^https:\/\//);
    expect(targetNames(config.mac?.target)).toContain('zip');
  });

  it('package.json: test-only packages are dev dependencies, and engines asks for Node 22.12', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      engines: { node: string };
    };
    for (const name of ['axe-core', '@axe-core/playwright', '@playwright/test', 'vitest'])
      expect(Object.keys(pkg.dependencies), name).not.toContain(name);
    expect(pkg.devDependencies).toHaveProperty('@axe-core/playwright');
    expect(pkg.engines.node).toBe('>=22.12');
  });

  it('can tell which Electron it packages (electronVersion, or the installed electron package)', async () => {
    const config = await load();
    const installed = JSON.parse(
      readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
    ) as { version?: unknown };
    expect(config.electronVersion ?? installed.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
