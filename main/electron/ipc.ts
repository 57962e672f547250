import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { Router } from '../api/router';
import { CHANNELS } from './channels';
import { isSameDocument } from './trust';

// The IPC transport of the api: one invoke channel carries CallMessage → router.handle,
// one send channel carries api events, plus reveal-output and pick-paths, which need
// the desktop. Every message must come from our window's main frame showing our page;
// every payload is validated (the router validates calls against app/api/contract.ts).

export interface IpcOptions {
  win: BrowserWindow;
  /** The renderer's document URL (file://…/dist/renderer/index.html). */
  expectedUrl: string;
  router: Router;
  revealOutput(jobId: string): Promise<void>;
  pickPaths(): Promise<string[]>;
}

const JobIdSchema = z.string().min(1).max(200);
const NoArgsSchema = z.tuple([]);

class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
}

export function connectIpc(options: IpcOptions): () => void {
  const { win, expectedUrl, router } = options;
  const contents = win.webContents;

  function assertTrusted(event: IpcMainInvokeEvent): void {
    const frame = event.senderFrame;
    const trusted =
      event.sender === contents &&
      frame !== null &&
      frame.parent === null &&
      frame.processId === contents.mainFrame.processId &&
      frame.routingId === contents.mainFrame.routingId &&
      isSameDocument(frame.url, expectedUrl);
    if (!trusted) {
      console.warn(
        `[framewright] refused IPC from ${frame?.url.slice(0, 200) ?? 'a destroyed frame'}`,
      );
      throw new UntrustedSenderError('This page may not use the Framewright api.');
    }
  }

  ipcMain.handle(CHANNELS.call, (event, raw: unknown) => {
    assertTrusted(event);
    return router.handle(raw);
  });
  ipcMain.handle(CHANNELS.reveal, (event, raw: unknown) => {
    assertTrusted(event);
    const id = JobIdSchema.safeParse(raw);
    if (!id.success) throw new TypeError('revealOutput expects a job id.');
    return options.revealOutput(id.data);
  });
  ipcMain.handle(CHANNELS.pick, (event, ...args: unknown[]) => {
    assertTrusted(event);
    if (!NoArgsSchema.safeParse(args).success) throw new TypeError('pickPaths takes no arguments.');
    return options.pickPaths();
  });

  const unsubscribe = router.subscribe((message) => {
    if (win.isDestroyed() || contents.isDestroyed()) return;
    if (!isSameDocument(contents.getURL(), expectedUrl)) return;
    contents.send(CHANNELS.event, message);
  });

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const channel of [CHANNELS.call, CHANNELS.reveal, CHANNELS.pick])
      ipcMain.removeHandler(channel);
  };
  win.once('closed', close);
  return close;
}
