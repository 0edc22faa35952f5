import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import type { RawDb } from '../../src-main/store/open';
import { launchBrowser, setUpFirstAdmin, startBrowserHost, watchPageErrors, withHostStore, type RunningHost } from '../fixtures/browser';

let browser: Browser;
let host: RunningHost;
let page: Page;
let errors: string[];

const ADMIN = { login: 'li.jing', name: '李静', password: 'counter-2026-ok' };

interface DemoClient {
  id: string;
  name: string;
  initials: string;
  id_number: string;
}

/** A demo client to look for, read straight from the host's encrypted store. */
function pickClient(): DemoClient {
  // An initials string only this client has, so the first result is them.
  return withStore(
    (raw) =>
      raw
        .prepare(
          `SELECT id, name, initials, id_number FROM clients c WHERE kind = 'individual' AND risk_assessed_on IS NOT NULL
         AND (SELECT count(*) FROM clients d WHERE d.initials = c.initials) = 1 ORDER BY client_no LIMIT 1`,
        )
        .get() as DemoClient,
  );
}

/** The host's encrypted store, to read demo clients or write as head office's data would. */
const withStore = <T>(work: (raw: RawDb) => T): T => withHostStore(host, work);

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
});

describe('a client at the counter', () => {
  let client: DemoClient;

  it('is found by the initials of their name and their profile opens', async () => {
    client = pickClient();
    await page.getByTestId('nav-clients').click();
    await page.keyboard.press('Control+K');
    await page.getByTestId('client-search').fill(client.initials);
    const first = page.getByTestId('client-row').first();
    await expect.poll(() => first.textContent()).toContain(client.name);
    await page.getByTestId('client-search').press('Enter');
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toContain(client.name);
    // The ID shows masked: never the full number on screen.
    expect(await page.getByTestId('masked-id').textContent()).not.toContain(client.id_number);
  });

  it('the conversation is logged from the keyboard and tops the timeline', async () => {
    const note = `客户询问大额存单起存金额 ${Date.now()}`;
    await page.getByTestId('contact-content').fill(note);
    await page.getByTestId('contact-content').press('Control+Enter');
    await expect.poll(() => page.getByTestId('timeline-entry').first().textContent()).toContain(note);
  });

  it('a note promising guaranteed returns is refused with the reason', async () => {
    await page.getByTestId('contact-content').fill('这款理财保本保息，放心买');
    await page.getByTestId('contact-content').press('Control+Enter');
    await expect.poll(() => page.getByTestId('contact-error').isVisible()).toBe(true);
    expect(await page.getByTestId('contact-content').inputValue()).toBe('这款理财保本保息，放心买');
  });

  it('a renewed risk assessment is recorded on the profile, and the risk line follows it', async () => {
    const form = page.getByTestId('assessment');
    await form.scrollIntoViewIfNeeded();
    await page.getByTestId('assessment-level').selectOption('C4');
    // Today is filled in; a date in the future is refused with the reason, in place.
    const today = await page.getByTestId('assessment-date').inputValue();
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByTestId('assessment-date').fill('2099-01-01');
    await page.getByTestId('assessment-record').click();
    await expect.poll(() => form.textContent()).toContain(zhCN['errors.assessment.date']);
    await page.getByTestId('assessment-date').fill(today);
    await page.getByTestId('assessment-record').click();
    await expect.poll(() => form.textContent()).toContain('C4');
    await expect.poll(() => page.getByTestId('profile-header').textContent()).toContain('C4');
    expect(withStore((raw) => raw.prepare('SELECT risk_level FROM clients WHERE id = ?').pluck().get(client.id))).toBe('C4');
  });

  it('the full ID number is revealed only with a reason, and the reveal is in the audit log', async () => {
    const reason = '客户办理挂失，核对身份证件';
    await page.getByTestId('reveal-id').click();
    await page.getByTestId('reveal-reason').fill(reason);
    await page.getByTestId('reveal-reason').press('Enter');
    await expect.poll(() => page.getByTestId('revealed-value').textContent()).toContain(client.id_number);
    await page.getByTestId('nav-settings').click();
    const audit = page.getByTestId('audit-table');
    await expect.poll(() => audit.textContent()).toContain(reason);
    expect(errors).toEqual([]);
  });
});

describe('a manager’s list work', () => {
  it('imports a spreadsheet, seeing the rows it refuses and why, then finds the new client', async () => {
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('import-open').click();
    const csv = [
      '客户号,姓名,证件号码,手机号',
      '620188000001,司马光明,310115198504121236,13812345678',
      '620188000002,错号码,310115198504121231,13912345678',
    ].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: '客户.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('import-error-row').count()).toBe(1);
    expect(await page.getByTestId('import-errors').textContent()).toContain('3');
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('client-search').fill('smgm');
    await expect.poll(() => page.getByTestId('client-row').first().textContent()).toContain('司马光明');
  });

  it('filters the list to VIPs and exports it masked', async () => {
    await page.getByTestId('client-search').fill('');
    await page.getByTestId('clients-view').getByText('客户列表').click();
    await page.getByTestId('client-list-row').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});

describe('a long-standing client’s history', () => {
  it('shows the newest 200 contacts and loads the older ones on request', async () => {
    const client = withStore((raw) => {
      const c = raw
        .prepare("SELECT id, name, initials FROM clients WHERE kind = 'individual' ORDER BY client_no DESC LIMIT 1")
        .get() as DemoClient;
      const insert = raw.prepare(
        `INSERT INTO contacts (id, branch_id, created_at, updated_hlc, client_id, at, channel, content)
         VALUES (?, 'e2e', ?, ?, ?, ?, 'phone', ?)`,
      );
      raw.transaction(() => {
        raw.prepare('DELETE FROM contacts WHERE client_id = ?').run(c.id);
        for (let i = 0; i < 260; i++) {
          const at = new Date(Date.parse('2020-01-01T02:00:00Z') + i * 86_400_000).toISOString();
          insert.run(`e2e-contact-${String(i).padStart(4, '0')}`, at, `0-${i}`, c.id, at, `电话回访第 ${i + 1} 次`);
        }
      })();
      return c;
    });
    // Straight to the profile's address, without reloading the signed-in page.
    await page.evaluate((id) => {
      window.location.hash = `#/clients/${id}`;
    }, client.id);
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toContain(client.name);
    await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(200);
    await page.getByTestId('timeline-more').click();
    await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(260);
    expect(await page.getByTestId('timeline-entry').last().textContent()).toContain('电话回访第 1 次');
    expect(await page.getByTestId('timeline-end').textContent()).toContain('260');
    expect(errors).toEqual([]);
  });
});

describe('an administrator’s client rules', () => {
  const vipCount = () => withStore((raw) => (raw.prepare("SELECT count(*) AS n FROM clients WHERE tier = 'vip'").get() as { n: number }).n);
  /** VIPs as the rule says they are: latest month's average daily balance at or above the line. */
  const vipsByRule = (lineFen: number) =>
    withStore(
      (raw) =>
        (
          raw
            .prepare(
              `SELECT count(*) AS n FROM clients c WHERE (SELECT avg_daily_fen FROM client_monthly_assets m
               WHERE m.client_id = c.id ORDER BY month DESC LIMIT 1) >= ?`,
            )
            .get(lineFen) as { n: number }
        ).n,
    );

  it('refuses a VIP line out of bounds, then re-tiers the archive at the new line', async () => {
    const before = vipCount();
    expect(before).toBe(vipsByRule(50_000_000));
    await page.getByTestId('nav-settings').click();
    const vip = page.getByTestId('rule-vipMinAvgDailyFen');
    await vip.fill('100');
    await page.getByTestId('rules-submit').click();
    await expect.poll(() => page.getByTestId('rules-section').textContent()).toContain(zhCN['validation.settings.vip_min']);

    await vip.fill('800000');
    await page.getByTestId('rules-submit').click();
    await expect.poll(() => page.getByText(zhCN['settings.saved']).count()).toBeGreaterThan(0);
    expect(vipCount()).toBe(vipsByRule(80_000_000));
    expect(vipCount()).toBeLessThan(before);
    expect(errors).toEqual([]);
  });
});
