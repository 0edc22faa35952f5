import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, testApp, type TestApp } from '../../test/fixtures/store';
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
  host = await startHost({ router: t.router, rendererDir, port: 0, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
}

const CHANNEL = 'a1b2c3d4e5f60718293a';

function rpc(method: string, body: unknown, token: string | null = host.token): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-BranchDesk-Channel': CHANNEL };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return fetch(`${host.url}/rpc/${method}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
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
});
