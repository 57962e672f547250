import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';

// Simulates a drop from the file manager: a real DataTransfer carrying real File objects,
// sent through dragenter, dragover and drop on the target.

interface Payload {
  name: string;
  base64: string;
}

/** The few browser globals the page function uses (the Node tsconfig has no DOM types). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  atob(text: string): string;
}

export async function dropFiles(target: Locator, files: string[]): Promise<void> {
  const payload: Payload[] = files.map((file) => ({
    name: path.basename(file),
    base64: readFileSync(file).toString('base64'),
  }));
  const dataTransfer = await target.page().evaluateHandle((items: Payload[]) => {
    const g = globalThis as unknown as PageGlobals;
    const transfer = new g.DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(g.atob(item.base64), (c) => c.charCodeAt(0));
      const type = item.name.endsWith('.mkv') ? 'video/x-matroska' : 'video/mp4';
      transfer.items.add(new g.File([bytes], item.name, { type }));
    }
    return transfer;
  }, payload);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}
