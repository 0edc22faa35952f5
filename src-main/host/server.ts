import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { EVENTS, type EventName, type EventPayloads } from '../../src-shared/contract';
import type { TransportRefusal } from '../audit/refusals';
import type { Router } from '../ipc/router';
import { RENDERER_CSP } from '../renderer-csp';
import { rendererFileHeaders, resolveRendererPath } from '../renderer-files';

/**
 * The browser host: the same router as the Electron app behind a loopback HTTP server, so the renderer runs in a
 * plain Chromium for development, training demos and end-to-end tests. It has no logic of its own.
 * Every /rpc and /events request must carry the per-launch token; the static renderer files need none. Every request
 * must name this host by its loopback address (DNS rebinding), and any Origin on /rpc and /events must be this one.
 */
export interface HostOptions {
  router: Router;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  port: number;
  /** Per-launch secret; random unless a test pins it. */
  token?: string;
  /** Largest JSON body accepted, bytes. */
  maxBodyBytes?: number;
  /** Told of every request refused at the doors (wrong Host, Origin or token); the workstation puts them on the audit log. */
  onRefused?: (refusal: TransportRefusal) => void;
}

export interface Host {
  url: string;
  /** The address to open: carries the token once, the page moves it into sessionStorage. */
  openUrl: string;
  token: string;
  emit<E extends EventName>(channel: string | null, event: E, payload: EventPayloads[E]): void;
  close(): Promise<void>;
}

const CHANNEL_HEADER = 'x-branchdesk-channel';

/** The names this page may be reached by, known once the server listens (tests ask for port 0). */
interface LoopbackNames {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  // Imports carry their spreadsheet in the call (base64): up to 64 MB, on loopback only, behind the token.
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const subscribers = new Set<{ channel: string; res: http.ServerResponse }>();
  let names: LoopbackNames | null = null;

  // A request handler that throws would take the whole host down with it (issue 9: GET /%E0, GET /%00), so every
  // unexpected error ends as one 500 answer to the request that caused it.
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => answerInternalError(res, err));
  });
  server.on('clientError', answerClientError);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example whose name later resolves to 127.0.0.1 reaches this port as its own
    // origin, but its requests still say `Host: evil.example`. Only our own loopback names are answered.
    const url = requestUrl(req.url);
    if (!names?.hosts.has((req.headers.host ?? '').toLowerCase())) {
      refused('wrong_host', url, req.headers.host ?? '');
      return sendJson(res, 403, { error: 'wrong Host header' });
    }
    if (!url) return sendJson(res, 400, { error: 'bad request target' });
    if (url.pathname.startsWith('/rpc/') || url.pathname === '/events') {
      // A page of another origin (or a sandboxed "null" one) has no business calling the router, token or not.
      const origin = req.headers.origin;
      if (origin !== undefined && !names.origins.has(origin.toLowerCase())) {
        refused('wrong_origin', url, origin);
        return sendJson(res, 403, { error: 'wrong Origin' });
      }
      if (url.pathname === '/events') return openEvents(req, res, url);
      if (!tokenMatches(bearerToken(req), token)) {
        refused('wrong_token', url, origin ?? '');
        return sendJson(res, 401, { error: 'missing or wrong token' });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
      const method = decodePath(url.pathname.slice('/rpc/'.length));
      if (method === null) return sendJson(res, 400, { error: 'bad method name' });
      return handleRpc(req, res, method);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'GET only' });
    return serveStatic(options.rendererDir, url.pathname, res);
  }

  /** The path only: an /events query carries the token, wrong or right, and the audit log is no place for it. */
  function refused(kind: TransportRefusal['kind'], url: URL | null, from: string): void {
    options.onRefused?.({ kind, target: url?.pathname ?? '(bad target)', from });
  }

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    const channel = req.headers[CHANNEL_HEADER];
    if (typeof channel !== 'string' || !/^[0-9a-f]{16,64}$/.test(channel)) {
      return sendJson(res, 400, { error: `missing ${CHANNEL_HEADER}` });
    }
    let input: unknown;
    try {
      const body = await readBody(req, maxBody);
      input = body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch (err) {
      const tooLarge = err instanceof BodyTooLarge;
      return sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: tooLarge
          ? { code: 'VALIDATION', key: 'errors.request_too_large', message: 'the request is too large' }
          : { code: 'VALIDATION', key: 'errors.bad_json', message: 'the request is not JSON' },
      });
    }
    sendJson(res, 200, await options.router(channel, method, input));
  }

  function openEvents(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    // EventSource cannot send headers, so the event stream alone still takes the token from its query. That URL is
    // a same-origin subresource: it never enters the address bar, the history or a Referer, and this host logs no
    // URLs. /rpc, which can read and change the archive, takes the token from the Authorization header only.
    const given = bearerToken(req) ?? url.searchParams.get('token');
    if (!tokenMatches(given, token)) {
      refused('wrong_token', url, req.headers.origin ?? '');
      return sendJson(res, 401, { error: 'missing or wrong token' });
    }
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'GET only' });
    const channel = url.searchParams.get('channel') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const sub = { channel, res };
    subscribers.add(sub);
    req.on('close', () => subscribers.delete(sub));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the host is a development and training tool, never a network service.
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  names = loopbackNames(port);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    openUrl: `${url}/?token=${token}`,
    token,
    emit(channel, event, payload) {
      if (!(EVENTS as readonly string[]).includes(event)) return;
      for (const sub of subscribers) {
        if (channel === null || sub.channel === channel) sub.res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      }
    },
    close() {
      for (const sub of subscribers) sub.res.end();
      subscribers.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function loopbackNames(port: number): LoopbackNames {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return { hosts: new Set(hosts), origins: new Set(hosts.map((host) => `http://${host}`)) };
}

/**
 * The request target as a URL, or null. Only origin-form (`/path?query`) is ours: an absolute-form or `*` target is
 * a proxy's request. Prefixing the origin keeps `//evil/x` a path instead of a new host.
 */
function requestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

/** Constant-time, so the token cannot be guessed a byte at a time from response times. */
function tokenMatches(given: string | null, token: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function answerInternalError(res: http.ServerResponse, err: unknown): void {
  // The error, never the URL: an /events URL carries the token. Stack traces stay here, as on the Electron side.
  console.error('browser host: request failed', err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, 500, { error: 'internal error' });
}

/**
 * Node's parser refused the request before any handler ran (a raw space or NUL in the target, a header past the
 * limit, an unknown method): answer it like any other bad request, in JSON, and keep serving.
 */
function answerClientError(err: Error, socket: Duplex): void {
  const code = 'code' in err ? err.code : undefined;
  if (code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({ error: 'bad request' });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping the bytes but let the rest drain, so the 413 reaches the caller before the socket closes.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

async function serveStatic(root: string, pathname: string, res: http.ServerResponse): Promise<void> {
  const target = resolveRendererPath(root, pathname);
  if (target.kind === 'malformed') return sendJson(res, 400, { error: 'bad path' });
  if (target.kind === 'outside') return sendJson(res, 404, { error: 'not found' });
  let data: Buffer;
  try {
    data = await fs.readFile(target.file);
  } catch {
    return sendJson(res, 404, { error: 'not found' });
  }
  // The page is opened as /?token=…: its first asset requests would repeat the token in a Referer, and a log of
  // Referers is a log of tokens.
  res.writeHead(200, { ...rendererFileHeaders(target.file, RENDERER_CSP), 'Referrer-Policy': 'no-referrer' });
  res.end(data);
}
