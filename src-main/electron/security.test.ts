import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { resolveRendererPath } from '../renderer-files';
import { CSP, devCsp, isTrustedSender, originOf } from './security';

const APP = 'app://branchdesk';

function fromFrame(frame: { url: string; parent: object | null } | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('the app origin', () => {
  it('tells app://branchdesk from any other scheme or host, where Node would call every app:// origin "null"', () => {
    expect(new URL('app://branchdesk/index.html').origin).toBe('null');
    expect(originOf('app://branchdesk/index.html')).toBe(APP);
    expect(originOf('app://BranchDesk/x')).toBe(APP);
    expect(originOf('evil://branchdesk/index.html')).toBe('evil://branchdesk');
    expect(originOf('app://branchdesk.evil.example/')).toBe('app://branchdesk.evil.example');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('who may call main', () => {
  it('answers the main frame of the app page', () => {
    expect(isTrustedSender(fromFrame({ url: 'app://branchdesk/index.html', parent: null }), APP)).toBe(true);
  });

  it('refuses a subframe, a page that navigated elsewhere and a frame already gone', () => {
    expect(isTrustedSender(fromFrame({ url: 'app://branchdesk/index.html', parent: {} }), APP)).toBe(false);
    expect(isTrustedSender(fromFrame({ url: 'https://phish.example/', parent: null }), APP)).toBe(false);
    expect(isTrustedSender(fromFrame({ url: 'app://other/index.html', parent: null }), APP)).toBe(false);
    expect(isTrustedSender(fromFrame(null), APP)).toBe(false);
  });

  it('in development, answers the dev server page and nothing else', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedSender(fromFrame({ url: 'http://localhost:5173/', parent: null }), dev)).toBe(true);
    expect(isTrustedSender(fromFrame({ url: 'http://localhost:5174/', parent: null }), dev)).toBe(false);
  });
});

describe('the app:// file server (the browser host shares its path check)', () => {
  const root = path.resolve('/srv/renderer');
  const file = (name: string) => ({ kind: 'file', file: name });

  it('serves index.html for the root and files under the renderer folder', () => {
    expect(resolveRendererPath(root, '/')).toEqual(file(path.join(root, 'index.html')));
    expect(resolveRendererPath(root, '/assets/index-abc.js')).toEqual(file(path.join(root, 'assets', 'index-abc.js')));
    expect(resolveRendererPath(root, '/fonts/%E5%AE%8B.woff2')).toEqual(file(path.join(root, 'fonts', '宋.woff2')));
  });

  it('refuses every way out of the folder', () => {
    expect(resolveRendererPath(root, '/../etc/passwd')).toEqual({ kind: 'outside' });
    expect(resolveRendererPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toEqual({ kind: 'outside' });
    expect(resolveRendererPath(root, '/assets/..%2F..%2F..%2Fetc%2Fpasswd')).toEqual({ kind: 'outside' });
    expect(resolveRendererPath(root, '/..')).toEqual({ kind: 'outside' });
  });

  it('tells a name no file can have (NUL, broken percent-encoding) from a way out', () => {
    expect(resolveRendererPath(root, '/a%00b')).toEqual({ kind: 'malformed' });
    expect(resolveRendererPath(root, '/%E0%A4%A')).toEqual({ kind: 'malformed' });
    expect(resolveRendererPath(root, '/%E0')).toEqual({ kind: 'malformed' });
    expect(resolveRendererPath(root, '/%')).toEqual({ kind: 'malformed' });
  });
});

describe('the content security policy', () => {
  it('allows only the app itself in production', () => {
    expect(CSP).toContain("script-src 'self';");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).not.toContain('unsafe-eval');
  });

  it('loosens only what the dev server needs: the fast-refresh inline script and its websocket', () => {
    const dev = devCsp('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline';");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173;");
  });
});
