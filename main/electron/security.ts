import { app, type Session } from 'electron';
import { PREVIEW_SCHEME } from '../engine/preview-files';
import { isAllowedRequest } from './trust';

// Hardening that applies to every web page the app shows (docs/ARCHITECTURE.md,
// Processes: a thin preload and a suspicious main): a strict CSP, no navigation, no new windows,
// no webviews, no permissions, no downloads, and no requests beyond the built renderer.

/**
 * The renderer's Content-Security-Policy. Scripts and styles come from the built files
 * only (no inline code, no eval); nothing is fetched from the network. The same policy
 * belongs in renderer/index.html as a <meta> tag, which also covers file:// loads where
 * Chromium does not apply response headers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' data: blob: ${PREVIEW_SCHEME}:`,
  "font-src 'self' data:",
  `media-src 'self' blob: ${PREVIEW_SCHEME}:`,
  "connect-src 'none'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Denies every permission, download and outside request, and sets the CSP header. */
export function hardenSession(session: Session, rendererDir: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, rendererDir);
    if (!allowed) console.warn(`[framewright] blocked a request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = { ...details.responseHeaders };
    for (const name of Object.keys(headers))
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

/** Blocks navigation, new windows and webviews in every web contents, now and later. Call before ready. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
