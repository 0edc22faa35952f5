import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { rendererFileHeaders, resolveRendererPath } from '../renderer-files';

// The UI is served from app://branchdesk/ rather than file://: a real origin for the CSP and the IPC sender check,
// and no file:// page that could read the disk.
const SCHEME = 'app';
const HOST = 'branchdesk';
export const APP_ORIGIN = `${SCHEME}://${HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer folder on app://branchdesk/, with the CSP on every response. */
export function serveRenderer(rendererDir: string, csp: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host.toLowerCase() !== HOST) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const target = resolveRendererPath(root, url.pathname);
    // Only the app's own page asks app:// for files, so a bad name and a way out of the folder get the same 404.
    if (target.kind !== 'file') return notFound();
    let body: Buffer;
    try {
      body = await fs.readFile(target.file);
    } catch {
      return notFound();
    }
    return new Response(new Uint8Array(body), { headers: rendererFileHeaders(target.file, csp) });
  });
}

function notFound(): Response {
  return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
