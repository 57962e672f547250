import type { FramewrightBridge } from '../../app/api/bridge';
import type { FramewrightApi } from '../../app/api/contract';
import { bridgeTransport } from './bridge-transport';
import type { Picked } from './drop';
import { createApiClient } from './client';
import type { Transport } from './transport';
import { uploadFiles, type UploadProgress } from './uploads';
import { apiSocketUrl, webSocketTransport } from './ws-transport';

// What differs between the Electron app and the web host, in one place: how files
// become paths the engine can read, and what "show the output" means.

export interface Host {
  readonly kind: 'electron' | 'web';
  readonly api: FramewrightApi;
  readonly transport: Transport;
  /** Paths the engine can read for dropped or picked files (uploads them on the web). */
  pathsForFiles(
    files: readonly Picked[],
    onProgress: (progress: UploadProgress) => void,
  ): Promise<string[]>;
  /** Native open dialog (Electron only); null on the web, which uses a file input. */
  pickPaths: (() => Promise<string[]>) | null;
  /** Opens the system file manager at the output (Electron only). */
  revealOutput: ((jobId: string) => Promise<void>) | null;
  /** A link that downloads the output (web only). */
  downloadUrl: ((jobId: string) => string) | null;
}

declare global {
  interface Window {
    framewright?: FramewrightBridge;
  }
}

function electronHost(bridge: FramewrightBridge): Host {
  const transport = bridgeTransport(bridge);
  return {
    kind: 'electron',
    api: createApiClient(transport),
    transport,
    pathsForFiles: (files) =>
      Promise.resolve(bridge.pathsForFiles(files.map((picked) => picked.file))),
    pickPaths: () => bridge.pickPaths(),
    revealOutput: (jobId) => bridge.revealOutput(jobId),
    downloadUrl: null,
  };
}

function webHost(): Host {
  const token = new URLSearchParams(window.location.search).get('token');
  const transport = webSocketTransport(apiSocketUrl(window.location, token));
  const withToken = (url: URL): string => {
    if (token !== null) url.searchParams.set('token', token);
    return url.toString();
  };
  return {
    kind: 'web',
    api: createApiClient(transport),
    transport,
    pathsForFiles: (files, onProgress) => uploadFiles(files, token, onProgress),
    pickPaths: null,
    revealOutput: null,
    downloadUrl: (jobId) =>
      withToken(new URL(`download?id=${encodeURIComponent(jobId)}`, window.location.href)),
  };
}

export function createHost(): Host {
  return window.framewright !== undefined ? electronHost(window.framewright) : webHost();
}
