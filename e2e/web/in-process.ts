import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../../main/engine/engine';
import { forkLauncher } from '../../main/engine/worker-port';
import { startServer, type RunningServer, type ServerOptions } from '../../main/server';
import { closePage, watchConsole } from './checks';
import { ROOT } from './host';

// The web host started in the test process (real engine, real worker), for checks that
// need to know its folders or choose its token and limits.

export interface InProcessHost {
  work: string;
  spoolDir: string;
  outDir: string;
  engine: Engine;
  server: RunningServer;
  close(): Promise<void>;
}

export async function startInProcess(
  options: Partial<Pick<ServerOptions, 'token' | 'maxUploadBytes' | 'watchRoots'>> &
    Pick<EngineOptions, 'watch'> = {},
): Promise<InProcessHost> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'framewright-host-'));
  const spoolDir = path.join(work, 'spool');
  const outDir = path.join(work, 'out');
  const engine = await createEngine({
    stateDir: path.join(work, 'state'),
    launchWorker: forkLauncher(path.join(ROOT, 'dist', 'worker.js')),
    defaultOutDir: path.join(work, 'default-out'),
    presetsDir: path.join(ROOT, 'resources', 'presets'),
    ...(options.watch === undefined ? {} : { watch: options.watch }),
  });
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    outDir,
    spoolDir,
    token: options.token ?? null,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    engine,
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
    ...(options.watchRoots === undefined ? {} : { watchRoots: options.watchRoots }),
  });
  return {
    work,
    spoolDir,
    outDir,
    engine,
    server,
    async close() {
      await server.close();
      await engine.dispose();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface PresetSession {
  host: InProcessHost;
  page: Page;
  /** Console errors the page logged so far. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** A host in the test process whose chosen preset is `preset` (imported), and a page for it. */
export async function openPresetSession(
  browser: Browser,
  preset: { id: string },
): Promise<PresetSession> {
  const host = await startInProcess();
  await host.engine.presets.import({ json: JSON.stringify(preset) });
  await host.engine.settings.set({ presetId: preset.id });
  const page = await (await browser.newContext()).newPage();
  const consoleErrors = watchConsole(page);
  return {
    host,
    page,
    consoleErrors,
    async close() {
      await closePage(page);
      await host.close();
    },
  };
}
