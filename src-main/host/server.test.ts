import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, testApp, type TestApp } from '../../test/fixtures/store';
import { verifyAuditChain } from '../audit/log';
import { transportRefusalRecorder } from '../audit/refusals';
import { Rng } from '../clients/seed/random';
import { startHost, type Host } from './server';

let t: TestApp;
let host: Host;
let rendererDir: string;

afterEach(async () => {
  await host.close();
  await t.cleanup();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

async function start(maxBodyBytes?: number): Promise<void> {
  t = await testApp();
  rendererDir = tempDir('branchdesk-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BranchDesk</title>');
  host = await startHost({
    router: t.router,
    rendererDir,
    port: 0,
    onRefused: transportRefusalRecorder(t.app),
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
  });
}

const CHANNEL = 'a1b2c3d4e5f60718293a';

function rpc(method: string, body: unknown, token: string | null = host.token): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-BranchDesk-Channel': CHANNEL };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return fetch(`${host.url}/rpc/${method}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** node:http rather than fetch: fetch always sends the real Host header, and a DNS-rebinding page's names another. */
function request(method: string, target: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${host.url}${target}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function stillServing(): Promise<void> {
  expect((await fetch(`${host.url}/`)).status).toBe(200);
  expect(await (await rpc('auth.state', {})).json()).toMatchObject({ ok: true });
}

describe('the browser host', () => {
  it('listens on loopback only and answers calls that carry the launch token', async () => {
    await start();
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const res = await rpc('auth.state', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { setupNeeded: true, session: null } });
  });

  it('refuses calls without the token, or with a wrong one, with 401 and runs nothing', async () => {
    await start();
    expect((await rpc('auth.setupFirstAdmin', { login: 'admin', displayName: 'A', password: 'a-long-password' }, null)).status).toBe(401);
    expect(
      (await rpc('auth.setupFirstAdmin', { login: 'admin', displayName: 'A', password: 'a-long-password' }, 'f'.repeat(48))).status,
    ).toBe(401);
    expect((await fetch(`${host.url}/events?channel=${CHANNEL}`)).status).toBe(401);
    expect((await (await rpc('auth.state', {})).json()) as unknown).toMatchObject({ value: { setupNeeded: true } });
  });

  it('refuses malformed and oversized bodies with a clear error', async () => {
    await start(1024);
    const bad = await rpc('auth.signIn', '{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', key: 'errors.bad_json' } });
    const big = await rpc('auth.signIn', { login: 'x'.repeat(5000), password: 'y' });
    expect(big.status).toBe(413);
  });

  it('serves the renderer with a strict CSP and never a file outside its folder', async () => {
    await start();
    const page = await fetch(`${host.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${host.url}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${host.url}/%2e%2e/package.json`)).status).toBe(404);
  });

  it('answers a path no file can have (GET /%E0, GET /%00) with 400 and keeps serving', async () => {
    await start();
    for (const target of ['/%E0', '/%00', '/assets/%E0%A4%A', '/%', '/index.html%00.png']) {
      const res = await fetch(`${host.url}${target}`);
      expect(res.status, target).toBe(400);
      expect(await res.json(), target).toEqual({ error: 'bad path' });
    }
    expect((await rpc('%E0', {})).status).toBe(400);
    await stillServing();
  });

  it('refuses a page that reaches the host under another name (DNS rebinding) with 403', async () => {
    await start();
    const { port } = new URL(host.url);
    for (const name of [
      'evil.example',
      `evil.example:${port}`,
      '127.0.0.1',
      '127.0.0.1:1',
      `127.0.0.2:${port}`,
      `localhost.evil.example:${port}`,
    ]) {
      const page = await request('GET', '/', { Host: name });
      expect(page.status, name).toBe(403);
      expect(JSON.parse(page.body), name).toEqual({ error: 'wrong Host header' });
      const call = await request('POST', '/rpc/auth.state', {
        Host: name,
        Authorization: `Bearer ${host.token}`,
        'X-BranchDesk-Channel': CHANNEL,
      });
      expect(call.status, name).toBe(403);
    }
    expect((await request('GET', '/', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses a call from a page of another origin with 403, even with the token', async () => {
    await start();
    const { port } = new URL(host.url);
    const call = (origin: string) =>
      request('POST', '/rpc/auth.state', { Origin: origin, Authorization: `Bearer ${host.token}`, 'X-BranchDesk-Channel': CHANNEL });
    for (const origin of [
      'https://evil.example',
      `http://evil.example:${port}`,
      'null',
      `https://127.0.0.1:${port}`,
      'http://127.0.0.1:1',
    ]) {
      const res = await call(origin);
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body), origin).toEqual({ error: 'wrong Origin' });
      expect((await request('GET', `/events?token=${host.token}&channel=${CHANNEL}`, { Origin: origin })).status, origin).toBe(403);
    }
    expect((await call(`http://127.0.0.1:${port}`)).status).toBe(200);
    expect(
      (
        await request('POST', '/rpc/auth.state', {
          Host: `localhost:${port}`,
          Origin: `http://localhost:${port}`,
          Authorization: `Bearer ${host.token}`,
          'X-BranchDesk-Channel': CHANNEL,
        })
      ).status,
    ).toBe(200);
  });

  it('puts refused requests on the audit log without their token, one line a minute per kind with a count', async () => {
    await start();
    const { port } = new URL(host.url);
    const refusals = () =>
      t.store.raw
        .prepare("SELECT reason FROM audit_log WHERE method = 'security.untrusted_sender' ORDER BY seq")
        .all()
        .map((row) => (row as { reason: string }).reason);
    await request('POST', '/rpc/clients.search', { Origin: 'https://evil.example', Authorization: `Bearer ${host.token}` });
    await request('GET', '/', { Host: `evil.example:${port}` });
    for (let i = 0; i < 5; i++) await request('GET', `/events?token=wrong${i}&channel=${CHANNEL}`, {});
    await expect
      .poll(refusals)
      .toEqual([
        'wrong_origin: /rpc/clients.search from https://evil.example',
        `wrong_host: / from evil.example:${port}`,
        'wrong_token: /events from unknown',
      ]);
    expect(refusals().join(' ')).not.toContain('wrong0');
    t.clock.advance(61_000);
    await rpc('clients.search', { query: 'x' }, 'not-the-token');
    await expect.poll(() => refusals().at(-1)).toBe('wrong_token: /rpc/clients.search from unknown (+4 more refused since the last line)');
    expect(await verifyAuditChain(t.store.db)).toMatchObject({ ok: true });
  });

  it('takes the token for /rpc from the Authorization header only, never from the address', async () => {
    await start();
    const inQuery = await fetch(`${host.url}/rpc/auth.state?token=${host.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-BranchDesk-Channel': CHANNEL },
      body: '{}',
    });
    expect(inQuery.status).toBe(401);
    // The event stream still may: EventSource cannot send a header (see openEvents).
    const stop = new AbortController();
    const events = await fetch(`${host.url}/events?token=${host.token}&channel=${CHANNEL}`, { signal: stop.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    stop.abort();
  });

  // The seed is in the test's name too: if the host ever crashes the test process again, there is no assertion
  // message to print it, but the report still names the run.
  it(`survives a thousand garbage requests and still serves the page and the router (seed ${FUZZ_SEED})`, async () => {
    await start(4096);
    const rng = new Rng(FUZZ_SEED);
    const requests = Array.from({ length: 1000 }, () => garbageRequest(rng, host));
    const answers = await inParallel(requests, 16, async (req) => ({ req: req.summary, answer: await sendRaw(req) }));
    // Every request gets an answer below 500; only CONNECT may be hung up on (Node closes it: we do not proxy).
    const broken = answers.filter(({ req, answer }) =>
      answer === null ? !req.startsWith('CONNECT ') : answer === 'no answer' || answer >= 500,
    );
    const reproduce = `seed ${FUZZ_SEED} (rerun with HOST_FUZZ_SEED=${FUZZ_SEED})`;
    expect({ count: broken.length, first: broken.slice(0, 5) }, reproduce).toEqual({ count: 0, first: [] });
    expect((await fetch(`${host.url}/`)).status, reproduce).toBe(200);
    expect(await (await rpc('auth.state', {})).json(), reproduce).toEqual({ ok: true, value: { setupNeeded: true, session: null } });
  });
});

const FUZZ_SEED = Number(process.env.HOST_FUZZ_SEED ?? crypto.randomInt(2 ** 31));

/** One request as raw bytes, so the fuzz can send what no HTTP client would: raw NULs, spaces, broken UTF-8. */
interface RawRequest {
  bytes: Buffer;
  /** Method and the start of the target, for the failure message. */
  summary: string;
}

const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'BREW', 'get'];
const PREFIXES = ['/', '/rpc/', '/rpc/auth.state', '/rpc/auth.signIn', '/events', '/assets/', '/index.html', '//', '/..', ''];
const NASTIES = [
  '%',
  '%E0',
  '%00',
  '%E0%A4%A',
  '..',
  '../',
  '%2e%2e/',
  '..%2F..%2F',
  '%5c..%5c',
  '\\..\\',
  '宋体',
  '🏦',
  'ü',
  '?token=',
  '#',
  ' ',
  '\0',
];

function garbageRequest(rng: Rng, host: Host): RawRequest {
  const method = rng.pick(METHODS);
  const pieces: Buffer[] = [Buffer.from(rng.pick(PREFIXES))];
  for (let n = rng.int(0, 3); n > 0; n--) pieces.push(garbagePiece(rng));
  if (rng.chance(0.1)) pieces.push(Buffer.from(`?token=${host.token}`));
  const target = Buffer.concat(pieces);
  const { port } = new URL(host.url);
  const headers = [
    `Host: ${rng.chance(0.9) ? `127.0.0.1:${port}` : rng.pick(['evil.example', `localhost:${port}`, ''])}`,
    'Connection: close',
  ];
  const auth = rng.int(0, 2);
  if (auth === 0) headers.push(`Authorization: Bearer ${host.token}`);
  if (auth === 1) headers.push(`Authorization: Bearer ${crypto.randomBytes(24).toString('hex')}`);
  if (rng.chance(0.7)) headers.push(`X-BranchDesk-Channel: ${CHANNEL}`);
  if (rng.chance(0.2)) headers.push(`Origin: ${rng.pick([host.url, 'https://evil.example', 'null'])}`);
  const body = garbageBody(rng);
  headers.push(`Content-Length: ${body.length}`);
  const head = Buffer.concat([Buffer.from(`${method} `), target, Buffer.from(` HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`)]);
  return { bytes: Buffer.concat([head, body]), summary: `${method} ${JSON.stringify(target.toString('latin1').slice(0, 80))}` };
}

function garbagePiece(rng: Rng): Buffer {
  // Any code point past ASCII but the surrogates, which are not characters and which encodeURIComponent refuses.
  const codePoint = () => {
    const c = rng.int(0x80, 0x2f7ff);
    return c >= 0xd800 ? c + 0x800 : c;
  };
  const unicode = () => String.fromCodePoint(...Array.from({ length: rng.int(1, 6) }, codePoint));
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
    case 2: // random bytes, percent-encoded: mostly not UTF-8
      return Buffer.from(Array.from(rng.bytes(new Uint8Array(rng.int(1, 12))), (b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
    case 3: // random bytes, raw: control characters, spaces and broken UTF-8 on the request line
      return Buffer.from(rng.bytes(new Uint8Array(rng.int(1, 8))));
    case 4: // a very long path, past Node's 16 KB limit on the head about half the time
      return Buffer.from('a/'.repeat(rng.int(100, 16_000)));
    case 5: // unicode, raw UTF-8
      return Buffer.from(unicode());
    case 6: // unicode, percent-encoded as a browser would
      return Buffer.from(encodeURIComponent(unicode()));
    default:
      return Buffer.from(rng.pick(NASTIES));
  }
}

function garbageBody(rng: Rng): Buffer {
  switch (rng.int(0, 3)) {
    case 0:
      return Buffer.alloc(0);
    case 1:
      return Buffer.from(rng.bytes(new Uint8Array(rng.int(1, 8000))));
    case 2:
      return Buffer.from(JSON.stringify({ login: 'x'.repeat(rng.int(0, 50)), password: rng.next(), nested: [null, {}] }));
    default:
      return Buffer.from(rng.pick(['{', 'null', '[]', '"x"', '{"__proto__":{"x":1}}', '\u0000']));
  }
}

/** The answer's status code, null when the host hung up without one, 'no answer' when it never did either. */
function sendRaw(req: RawRequest): Promise<number | null | 'no answer'> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(host.url).port), '127.0.0.1');
    let received = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(received);
      resolve(m?.[1] ? Number(m[1]) : null);
    };
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, 5000);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // The head is enough, and /events would otherwise stream forever.
      if (received.includes('\r\n\r\n')) done();
    });
    socket.on('close', done);
    // The host may answer and close before the whole request is written (a 400 from the parser): not a failure.
    socket.on('error', () => undefined);
    // write, not end: Node's server drops an answer still being prepared once the client half-closes (allowHalfOpen).
    socket.write(req.bytes);
  });
}

async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
