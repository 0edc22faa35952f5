import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { EVENTS, type EventName, type EventPayloads } from '../../src-shared/contract';
import type { Router } from '../ipc/router';
import { RENDERER_CSP } from '../renderer-csp';

/**
 * The browser host: the same router as the Electron app behind a loopback HTTP server, so the renderer runs in a
 * plain Chromium for development, training demos and end-to-end tests. It has no logic of its own.
 * Every /rpc and /events request must carry the per-launch token; the static renderer files need none.
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
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  // Imports carry their spreadsheet in the call (base64): up to 64 MB, on loopback only, behind the token.
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const subscribers = new Set<{ channel: string; res: http.ServerResponse }>();

  const authorized = (req: http.IncomingMessage, url: URL): boolean => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : (url.searchParams.get('token') ?? '');
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/rpc/') || url.pathname === '/events') {
      if (!authorized(req, url)) return sendJson(res, 401, { error: 'missing or wrong token' });
      if (url.pathname === '/events') return openEvents(req, res, url);
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
      return void handleRpc(req, res, decodeURIComponent(url.pathname.slice('/rpc/'.length)));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'GET only' });
    serveStatic(options.rendererDir, url.pathname, res);
  });

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

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const rootAbs = path.resolve(root);
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = path.resolve(rootAbs, relative);
  // Refuse anything that resolves outside the renderer folder (../ tricks).
  if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return sendJson(res, 404, { error: 'not found' });
  fs.readFile(file, (err, data) => {
    if (err) return sendJson(res, 404, { error: 'not found' });
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': RENDERER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(data);
  });
}
