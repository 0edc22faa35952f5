import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src-renderer/i18n/dictionary';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { launchBrowser, setUpFirstAdmin, startBrowserHost, watchPageErrors, withHostStore, type RunningHost } from '../fixtures/browser';
import type { Change } from '../../src-shared/sync/protocol';
import { uuidv7 } from '../../src-shared/domain/ids';
import { hubHlc, masterClients, startTestHub, type TestHub } from '../fixtures/hub';
import type { TestClock } from '../fixtures/store';

let browser: Browser;
let host: RunningHost;
let page: Page;
let errors: string[];
let hub: TestHub | undefined;

const ADMIN = { login: 'zhao.min', name: '赵敏', password: 'sync-admin-2026' };
/** Head office's client, once enrolled. */
let ouyang = '';

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

  it('the light leads the administrator to the Sync page, which says "not enrolled" and asks for the demo data to go first', async () => {
    await page.getByTestId('sync-dot').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(zhCN['nav.sync']);
    await expect.poll(() => page.getByTestId('sync-enrolled').textContent()).toBe(zhCN['sync.enrolled.no']);
    expect(await page.getByTestId('sync-last-success').textContent()).toBe(zhCN['sync.never']);
    expect(await page.getByTestId('sync-now').isDisabled()).toBe(true);
    // The first run's training clients must never reach head office: no enrollment form while they are here.
    await page.getByTestId('sync-demo-first').waitFor();
    expect(await page.getByTestId('sync-demo-first').textContent()).toContain(translate('zh-CN', 'sync.demo.body', { clients: '2,000' }));
    expect(await page.getByTestId('sync-enroll-form').count()).toBe(0);
  });

  it('the administrator removes the demo data in Settings, with progress, and the enrollment form appears', async () => {
    await page.getByTestId('sync-demo-settings').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(zhCN['nav.settings']);
    await page.getByTestId('demo-holds').waitFor();
    // Eight relationship managers and a complaint officer came with the demo clients.
    expect(await page.getByTestId('demo-holds').textContent()).toBe(
      translate('zh-CN', 'settings.demo.holds', { clients: '2,000', staff: '9' }),
    );
    await page.getByTestId('demo-remove').click();
    // A second look before anything goes: the dialog says what will be removed.
    await page.getByTestId('demo-remove-confirm').click();
    await page.getByTestId('demo-removed').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('demo-removed').textContent()).toBe(
      translate('zh-CN', 'settings.demo.removed', { clients: '2,000', staff: '9' }),
    );
    await expect.poll(() => page.getByTestId('demo-none').count()).toBe(1);
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-enroll-form').waitFor();
    expect(await page.getByTestId('sync-demo-first').count()).toBe(0);
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
    const master = masterClients(live, '0931', ['欧阳明轩']);
    ouyang = master.clients[0]!.id;
    await hub.server.service.appendMasterData('0931', master.changes);
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

  it('a large outflow head office sends is announced as the sync brings it, and the announcement opens the client', async () => {
    // ¥800,000 out by mobile banking a few minutes ago: contact the client within 24 hours (possible fraud).
    const live: TestClock = { now: () => Date.now(), advance: () => undefined, set: () => undefined };
    const now = new Date(Date.now() - 5 * 60_000).toISOString();
    const outflow: Change = {
      seq: 1,
      table: 'large_transactions',
      rowId: uuidv7(Date.now()),
      op: 'upsert',
      hlc: hubHlc(live),
      branchId: '0931',
      values: {
        client_id: ouyang,
        at: now,
        amount_fen: 80_000_000,
        direction: 'out',
        channel: '手机银行',
        counterparty: '某某投资有限公司',
        description: null,
        created_at: now,
      },
    };
    await hub!.server.service.appendMasterData('0931', [outflow]);
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-now').click();

    // (The demo clients' outflow announced at sign-in went with them.)
    const alert = page.getByTestId('urgent-alert-link');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toContain('欧阳明轩');
    expect(await alert.count()).toBe(1);
    expect(await alert.textContent()).toContain(zhCN['reminders.kind.large_outflow']);
    // The worklist's count in the navigation turns red (filled) while the outflow waits.
    await expect.poll(() => page.getByTestId('nav-worklist-count').getAttribute('data-variant')).toBe('filled');
    await alert.click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toContain('欧阳明轩');
    expect(errors).toEqual([]);
  });

  it('changes kept waiting a month for a client that never came are listed, and the administrator discards them with a reason', async () => {
    // What another counter's leaked training data looks like here after a month: contacts of clients never seen.
    const parkedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    withHostStore(host, (raw) => {
      const park = raw.prepare(
        "INSERT INTO sync_parked (table_name, row_id, change, reason, parked_at) VALUES ('contacts', ?, ?, 'missing_parent', ?)",
      );
      for (let i = 0; i < 3; i++) {
        const change = {
          seq: i + 1,
          table: 'contacts',
          rowId: `stray-${i}`,
          op: 'upsert',
          hlc: '0',
          branchId: '0931',
          values: { at: '2026-10-20T02:00:00.000Z' },
        };
        park.run(`stray-${i}`, JSON.stringify(change), parkedAt);
      }
    });
    // The next sync (here: Sync now) retries them, and they are still waiting.
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-now').click();
    const review = page.getByTestId('sync-parked-review');
    await review.waitFor();
    expect(await review.textContent()).toContain(translate('zh-CN', 'sync.parked_review.description', { count: '3', days: 30 }));
    expect(await page.getByTestId('parked-table').textContent()).toContain(zhCN['sync.parked.reason.missing_parent']);
    // No reason, no discard.
    await page.getByTestId('parked-discard-all').click();
    await expect.poll(() => review.textContent()).toContain(zhCN['validation.reason_required']);
    await page.getByTestId('parked-reason').fill('邻柜培训数据误传');
    await page.getByTestId('parked-discard-all').click();
    await expect.poll(() => page.getByTestId('sync-parked-review').count()).toBe(0);
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('邻柜培训数据误传');
    expect(errors).toEqual([]);
  });
});
