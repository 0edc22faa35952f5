import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../src-shared/domain/clock';
import { type HubErrorBody, MAX_BODY_BYTES, PROTOCOL_VERSION } from '../src-shared/sync/protocol';
import type { HubDb } from './db';
import { HubError, HubService, RawJson } from './service';

export interface HubServerOptions {
  hub: HubDb;
  clock: Clock;
  port: number;
  /** Loopback unless told otherwise: a hub meant for the branches is usually behind a TLS proxy on the same host. */
  host?: string;
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: Buffer; key: Buffer };
  maxBodyBytes?: number;
  /** Enrollment attempts allowed per client address and minute (default 10). */
  enrollAttemptsPerMinute?: number;
  /** Called for each failure the hub answers with 5xx (for the operator's log). */
  onError?: (error: unknown) => void;
}

export interface HubServer {
  url: string;
  service: HubService;
  /** Stops accepting, ends open connections (a request in flight is cut, as when the process dies). */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/** An enrollment request: a code, a device id and name; nothing near this size. */
const ENROLL_MAX_BODY_BYTES = 4 * 1024;
/** Per client address and minute; a branch enrolling its workstations needs a handful. */
const ENROLL_ATTEMPTS_PER_MINUTE = 10;

/**
 * Attempts per address within the last minute. Kept by each hub process (several behind a load balancer each count
 * their own share): it slows guessing down, the codes' 80 bits and their expiry do the rest.
 */
class AttemptLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly clock: { now(): number },
    private readonly perMinute: number,
  ) {}

  take(address: string): void {
    const now = this.clock.now();
    const recent = (this.seen.get(address) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= this.perMinute) {
      this.seen.set(address, recent);
      throw new HubError(429, 'sync.too_many', 'too many enrollment attempts from this address; wait a minute');
    }
    recent.push(now);
    this.seen.set(address, recent);
    if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value ?? address);
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = body instanceof RawJson ? body.text : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function errorBody(error: HubError, now: number): HubErrorBody {
  return { error: { key: error.key, message: error.message, ...(error.params ? { params: error.params } : {}) }, hubTime: now };
}

/**
 * The head-office sync hub over HTTP(S): enrollment, push, pull. Stateless between requests (everything is in the
 * database), so several processes can serve one PostgreSQL behind a load balancer.
 */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const service = new HubService(options.hub, options.clock);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;

  const enrollAttempts = new AttemptLimiter(options.clock, options.enrollAttemptsPerMinute ?? ENROLL_ATTEMPTS_PER_MINUTE);
  const route = async (req: http.IncomingMessage): Promise<unknown> => {
    const url = new URL(req.url ?? '/', 'http://hub');
    if (req.method === 'GET' && url.pathname === '/v1/health') {
      return { ok: true, protocol: PROTOCOL_VERSION, hubTime: options.clock.now(), store: options.hub.dialect };
    }
    if (req.method !== 'POST') throw new HubError(404, 'sync.not_found', `no such endpoint: ${req.method} ${url.pathname}`);
    const endpoint = url.pathname;
    if (endpoint !== '/v1/enroll' && endpoint !== '/v1/push' && endpoint !== '/v1/pull') {
      throw new HubError(404, 'sync.not_found', `no such endpoint: ${endpoint}`);
    }
    // Authenticate before reading a large body: a stranger gets 401 without the hub buffering megabytes.
    const device = endpoint === '/v1/enroll' ? null : await service.authenticate(req.headers.authorization);
    // Enrollment is the one door open without a token: a small body, and a few attempts a minute per address, so its
    // one-time codes cannot be guessed at speed (issue 9).
    if (!device) enrollAttempts.take(req.socket.remoteAddress ?? 'unknown');
    const bodyLimit = device ? limit : ENROLL_MAX_BODY_BYTES;
    let raw: Buffer;
    try {
      raw = await readBody(req, bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLarge) throw new HubError(413, 'sync.too_large', `the request is larger than ${bodyLimit} bytes`);
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HubError(400, 'sync.malformed', 'the request is not JSON');
    }
    if (!device) return service.enroll(body);
    return endpoint === '/v1/push' ? service.push(device, body) : service.pull(device, body);
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    route(req).then(
      (value) => send(res, 200, value),
      (error: unknown) => {
        const now = options.clock.now();
        if (error instanceof HubError) {
          if (error.status === 413) res.setHeader('connection', 'close');
          send(res, error.status, errorBody(error, now));
          return;
        }
        options.onError?.(error);
        send(res, 500, errorBody(new HubError(500, 'sync.hub_error', 'the hub failed; try again later'), now));
      },
    );
  };

  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(listener);
  server.keepAliveTimeout = 30_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`,
    service,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
