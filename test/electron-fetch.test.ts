import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { failedToday, markerPath, prepareElectron } from '../scripts/electron-fetch.cjs';
import { tempDir } from './helpers/media';

// `npm start`'s choice between the desktop app and the web host, on a repository root
// without an Electron binary (as after `npm ci`).

const NOON = new Date('2026-03-04T12:00:00Z');
const display = { DISPLAY: ':0' };

/** A download host that accepts connections and never answers. */
async function silentHost(): Promise<{ url: string; close: () => void }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

describe('prepareElectron', () => {
  it('gives up within its time limit when the download host does not answer, and says why', async () => {
    const root = tempDir();
    const host = await silentHost();
    const started = performance.now();
    const result = await prepareElectron({
      repoRoot: root,
      env: { ...display, ELECTRON_MIRROR: host.url },
      now: NOON,
      reachMs: 300,
    });
    host.close();
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toEqual({
      ready: false,
      reason:
        'fetching Electron failed: 127.0.0.1:' +
        new URL(host.url).port +
        ' did not answer within 0.3 s',
    });
    expect(failedToday(markerPath(root), NOON)).toMatch(/did not answer within 0\.3 s$/);
  });

  it('does not try again the same day, and tries again the next day', async () => {
    const root = tempDir();
    const marker = markerPath(root);
    mkdirSync(marker.replace(/[^/]+$/, ''), { recursive: true });
    writeFileSync(
      marker,
      JSON.stringify({ day: '2026-03-04', reason: 'github.com cannot be reached (ENOTFOUND)' }),
    );
    const result = await prepareElectron({ repoRoot: root, env: display, now: NOON });
    expect(result).toEqual({
      ready: false,
      reason:
        'fetching Electron failed earlier today: github.com cannot be reached (ENOTFOUND); delete node_modules/.cache/framewright/electron-fetch.json to retry',
    });
    expect(failedToday(marker, new Date('2026-03-05T00:30:00Z'))).toBeNull();
  });

  it('never fetches in CI, and needs a display on Linux', async () => {
    const root = tempDir();
    expect(await prepareElectron({ repoRoot: root, env: { ...display, CI: 'true' } })).toEqual({
      ready: false,
      reason: 'no Electron binary, and CI is set, so none is fetched',
    });
    expect(await prepareElectron({ repoRoot: root, env: {}, platform: 'linux' })).toEqual({
      ready: false,
      reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)',
    });
  });
});
