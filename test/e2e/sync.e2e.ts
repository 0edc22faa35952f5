import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src-renderer/i18n/dictionary';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { launchBrowser, setUpFirstAdmin, startBrowserHost, watchPageErrors, type RunningHost } from '../fixtures/browser';
import { masterClients, startTestHub, type TestHub } from '../fixtures/hub';
import type { TestClock } from '../fixtures/store';

let browser: Browser;
let host: RunningHost;
let page: Page;
let errors: string[];
let hub: TestHub | undefined;

const ADMIN = { login: 'zhao.min', name: '赵敏', password: 'sync-admin-2026' };

/** A loopback port nobody listens on: a hub that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  [browser, host] = await Promise.all([launchBrowser(), startBrowserHost()]);
  page = await browser.newPage({ locale: 'zh-CN' });
  errors = watchPageErrors(page);
  await page.goto(host.openUrl);
  await setUpFirstAdmin(page, ADMIN);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await hub?.close();
});

describe('a new workstation and the head-office hub', () => {
  it('shows a grey sync light in the shell, saying in words that the workstation is not enrolled', async () => {
    const dot = page.getByTestId('sync-dot');
    await expect.poll(() => dot.getAttribute('data-state')).toBe('off');
    expect(await dot.getAttribute('aria-label')).toBe(zhCN['sync.dot.off']);
  });

  it('the light leads the administrator to the Sync page, which says "not enrolled" and offers enrollment', async () => {
    await page.getByTestId('sync-dot').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(zhCN['nav.sync']);
    await expect.poll(() => page.getByTestId('sync-enrolled').textContent()).toBe(zhCN['sync.enrolled.no']);
    expect(await page.getByTestId('sync-last-success').textContent()).toBe(zhCN['sync.never']);
    expect(await page.getByTestId('sync-now').isDisabled()).toBe(true);
    expect(await page.getByTestId('sync-enroll-form').isVisible()).toBe(true);
  });

  it('a mistyped address and code are caught before anything is sent', async () => {
    await page.getByTestId('sync-enroll-hub').fill('ftp://hub.example-bank.cn');
    await page.getByTestId('sync-enroll-code').fill('ab-12');
    await page.getByTestId('sync-enroll-code').press('Enter');
    await expect.poll(() => page.getByText(zhCN['validation.hub_url']).count()).toBe(1);
    expect(await page.getByText(zhCN['validation.enrollment_code']).count()).toBe(1);
  });

  it('a hub that is down is reported in plain words, and the workstation stays unenrolled', async () => {
    const hubUrl = `http://127.0.0.1:${await closedPort()}`;
    await page.getByTestId('sync-enroll-hub').fill(hubUrl);
    // Typed as the hub prints it: groups, dashes and a space.
    await page.getByTestId('sync-enroll-code').fill('k7qm-2xpd 9fwa');
    await page.getByTestId('sync-enroll-code').press('Enter');
    await expect
      .poll(() => page.getByTestId('sync-enroll-error').textContent())
      .toBe(translate('zh-CN', 'errors.sync.unreachable', { hub: hubUrl }));
    expect(await page.getByTestId('sync-enrolled').textContent()).toBe(zhCN['sync.enrolled.no']);
    expect(await page.getByTestId('sync-dot').getAttribute('data-state')).toBe('off');
    expect(errors).toEqual([]);
  });

  it("enrolls with a real hub from a one-time code, syncs now, and head office's client is at the counter", async () => {
    const live: TestClock = { now: () => Date.now(), advance: () => undefined, set: () => undefined };
    hub = await startTestHub('sqlite', live);
    await hub.server.service.appendMasterData('0931', masterClients(live, '0931', ['欧阳明轩']).changes);
    const { code } = await hub.server.service.createEnrollmentCode('0931');
    await page.getByTestId('sync-enroll-hub').fill(hub.url);
    await page.getByTestId('sync-enroll-code').fill(code.replace(/(.{4})(?=.)/g, '$1-'));
    await page.getByTestId('sync-enroll-code').press('Enter');
    await expect.poll(() => page.getByTestId('sync-enrolled').textContent()).toBe(zhCN['sync.enrolled.yes']);

    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-result').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('sync-dot').getAttribute('data-state'), { timeout: 30_000 }).toBe('ok');
    expect(await page.getByTestId('sync-last-error').count()).toBe(0);

    await page.getByTestId('nav-clients').click();
    await page.keyboard.press('Control+K');
    await page.getByTestId('client-search').fill('oymx');
    await expect.poll(() => page.getByTestId('client-row').first().textContent()).toContain('欧阳明轩');
    expect(errors).toEqual([]);
  });
});
