import path from 'node:path';

/**
 * The built renderer's files, as both transports serve them: the Electron app:// scheme (electron/protocol.ts) and
 * the browser host (host/server.ts). One path check and one set of headers for both, so a hole fixed in one cannot
 * stay open in the other.
 */
export type RendererPath =
  | { kind: 'file'; file: string }
  /** Malformed percent-encoding (`%E0`, `%`) or a NUL byte: no file can have this name. */
  | { kind: 'malformed' }
  /** Decodes to a name outside the renderer folder (../, %2e%2e, %2F, %5c…) or to the folder itself. */
  | { kind: 'outside' };

/** The file a URL path names under root, refusing every way out of the folder. */
export function resolveRendererPath(root: string, pathname: string): RendererPath {
  const rootAbs = path.resolve(root);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return { kind: 'malformed' };
  }
  if (relative === '') relative = 'index.html';
  // No file name holds a NUL byte, and Node's fs throws on one synchronously (the crash of issue 9).
  if (relative.includes('\0')) return { kind: 'malformed' };
  const file = path.resolve(rootAbs, relative);
  const inside = path.relative(rootAbs, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return { kind: 'outside' };
  return { kind: 'file', file };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Headers for one renderer file: the CSP on every response, and no sniffing a script out of a mislabelled file. */
export function rendererFileHeaders(file: string, csp: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
