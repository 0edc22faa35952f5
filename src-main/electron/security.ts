import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { RENDERER_CSP } from '../renderer-csp';

export const CSP = RENDERER_CSP;

/**
 * Development only (electron-vite's dev server, never a packaged app): @vitejs/plugin-react injects an inline
 * module script (the fast-refresh preamble) and Vite's client opens a websocket back to the server.
 */
export function devCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

/**
 * `scheme://host[:port]`, or null. Not `new URL(url).origin`: Node knows only the special schemes and answers
 * "null" for every app:// URL, so an origin comparison would also accept evil://anything.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * VS Code's validatedIpcMain, in one place: a request counts only from the main frame of a page the app itself
 * served. A subframe, a page navigated elsewhere or a destroyed frame is refused before the router sees it.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return originOf(frame.url) === appOrigin;
}

/** Every webContents the app creates: no navigation away, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event) => {
    if (originOf(event.url) !== appOrigin) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (originOf(event.url) !== appOrigin) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Permissions denied by default (camera, notifications, clipboard reads…), and the CSP on every HTTP response.
 * Electron does not run webRequest's header hooks for custom schemes, so app:// responses carry the CSP from
 * their protocol handler instead (protocol.ts).
 */
export function hardenSession(ses: Session, csp: string): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
