import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { hashFile } from 'app-builder-lib/out/util/hash';
import { NodeHttpExecutor, serializeToYaml } from 'builder-util';
import type { AppUpdater } from 'electron-updater';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updatesBlocked } from '../main/electron/update-policy';
import { root } from './helpers/cli';
import { tempDir } from './helpers/media';

// The update metadata as electron-builder writes it beside the installers (latest*.yml:
// version, files with sha512 and size, path, releaseDate; app-builder-lib's updateInfoBuilder
// and hashFile), served over HTTP and read by electron-updater's own generic provider with
// electron-builder.yml's publish settings, all in plain Node (no Electron here).

const NEXT = '9.8.7';
const INSTALLERS = {
  linux: { channel: 'latest-linux.yml', file: `Framewright-${NEXT}.AppImage` },
  win32: { channel: 'latest.yml', file: `Framewright Setup ${NEXT}.exe` },
  darwin: { channel: 'latest-mac.yml', file: `Framewright-${NEXT}-mac.zip` },
} as const;

let server: Server;
let base: string;
const requested: string[] = [];

/** What electron-builder's createUpdateInfo writes for one installer. */
async function writeUpdateInfo(dir: string, channel: string, file: string): Promise<void> {
  const full = path.join(dir, file);
  writeFileSync(full, `installer ${file} `.repeat(5000));
  const sha512 = await hashFile(full);
  const info = {
    version: NEXT,
    files: [{ url: file, sha512, size: statSync(full).size }],
    path: file,
    sha512,
    releaseDate: new Date(0).toISOString(),
  };
  writeFileSync(path.join(dir, channel), serializeToYaml(info));
}

beforeAll(async () => {
  const dir = path.join(tempDir('fw-updates-'), 'desktop');
  mkdirSync(dir);
  for (const { channel, file } of Object.values(INSTALLERS))
    await writeUpdateInfo(dir, channel, file);
  server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requested.push(name);
    try {
      response.end(readFileSync(path.join(dir, path.basename(name))));
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/desktop`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('update metadata', () => {
  it.each(Object.entries(INSTALLERS))(
    '%s: served and read by electron-updater with the publish settings of electron-builder.yml',
    async (platform, { channel, file }) => {
      const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
      const publish = config.publish as ConstructorParameters<typeof GenericProvider>[0];
      expect(publish.provider).toBe('generic');
      const provider = new GenericProvider(
        { ...publish, url: base },
        { channel: null, isAddNoCacheQuery: false } as unknown as AppUpdater,
        {
          platform: platform as ProviderRuntimeOptions['platform'],
          isUseMultipleRangeRequest: false,
          executor: new NodeHttpExecutor() as unknown as ProviderRuntimeOptions['executor'],
        },
      );

      const info = await provider.getLatestVersion();
      expect(requested).toContain(`/desktop/${channel}`);
      expect(info.version).toBe(NEXT);
      const [resolved] = provider.resolveFiles(info);
      expect(resolved?.url.href).toBe(`${base}/${encodeURIComponent(file)}`);
      // The installer the metadata names is there, with the size and sha512 it says.
      const body = Buffer.from(await (await fetch(resolved?.url ?? '')).arrayBuffer());
      const local = path.join(tempDir('fw-download-'), file);
      writeFileSync(local, body);
      expect(resolved?.info.size).toBe(body.length);
      expect(resolved?.info.sha512).toBe(await hashFile(local));
    },
  );
});

describe('when the app updates itself', () => {
  const packaged = { isPackaged: true, mas: false, windowsStore: false, env: {}, userOff: false };
  it('updates a packaged copy unless a store, the user or FRAMEWRIGHT_NO_UPDATES says no', () => {
    expect(updatesBlocked(packaged)).toBeNull();
    expect(updatesBlocked({ ...packaged, isPackaged: false })).toMatch(/checkout/);
    expect(updatesBlocked({ ...packaged, mas: true })).toMatch(/store/);
    expect(updatesBlocked({ ...packaged, windowsStore: true })).toMatch(/store/);
    expect(updatesBlocked({ ...packaged, env: { SNAP: '/snap/framewright/1' } })).toMatch(/store/);
    expect(updatesBlocked({ ...packaged, env: { FRAMEWRIGHT_NO_UPDATES: '1' } })).toMatch(/off/);
    expect(updatesBlocked({ ...packaged, userOff: true })).toBe(
      'Automatic updates are turned off.',
    );
  });
});
