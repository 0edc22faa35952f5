import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src-shared/domain/calendar-date';
import { localDate } from '../../src-shared/domain/clock';
import type { RawDb } from '../../src-main/store/open';
import { launchBrowser, setUpFirstAdmin, startBrowserHost, watchPageErrors, withHostStore, type RunningHost } from '../fixtures/browser';

let browser: Browser;
let host: RunningHost;
let page: Page;
let errors: string[];

const ADMIN = { login: 'zhou.min', name: '周敏', password: 'worklist-2026-ok' };

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

describe('a relationship manager’s worklist', () => {
  const today = localDate(Date.now(), 'Asia/Shanghai');
  const product = `大额存单E2E${Date.now() % 100_000}`;
  let client: { id: string; name: string };

  it('shows the follow-up promised for yesterday as overdue', async () => {
    client = withStore(
      (raw) => raw.prepare("SELECT id, name FROM clients WHERE kind = 'individual' ORDER BY client_no LIMIT 1").get() as typeof client,
    );
    await page.evaluate((id) => (window.location.hash = `#/clients/${id}`), client.id);
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toContain(client.name);
    await page.getByTestId('contact-content').fill('客户想了解大额存单，约好回电');
    await page.getByTestId('contact-follow-product').fill(product);
    await page.getByTestId('contact-follow-due').fill(addDays(today, -1));
    await page.getByTestId('contact-content').press('Control+Enter');
    // The profile's own reminders show it at once, overdue.
    await expect.poll(() => page.getByTestId('profile-reminders').textContent()).toContain(product);

    await page.getByTestId('nav-worklist').click();
    await page.getByTestId('worklist-kind').selectOption('follow_up');
    const row = page.getByTestId('worklist-row').filter({ hasText: product });
    await row.waitFor();
    expect(await row.getByTestId('worklist-client').textContent()).toContain(client.name);
    expect(await row.getByTestId('overdue-badge').count()).toBe(1);
    expect(await row.getAttribute('data-overdue')).toBe('true');
  });

  it('marks it done and it is gone', async () => {
    const row = page.getByTestId('worklist-row').filter({ hasText: product });
    await row.getByTestId('reminder-done').click();
    await expect.poll(() => row.count()).toBe(0);
    const action = withStore((raw) => raw.prepare('SELECT action FROM reminder_actions WHERE client_id = ?').get(client.id));
    expect(action).toEqual({ action: 'done' });
  });

  it('the client list filters to clients with an overdue reminder', async () => {
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('clients-view').getByText('客户列表').click();
    await page.getByTestId('client-list-row').first().waitFor();
    await page.getByTestId('filter-overdue-reminder').selectOption('yes');
    const overdue = withStore(
      (raw) => new Set(raw.prepare('SELECT client_id FROM client_due WHERE next_due < ?').pluck().all(today) as string[]),
    );
    expect(overdue.size).toBeGreaterThan(0);
    // The list shows only such clients: every row loaded is one of them.
    await expect
      .poll(async () => {
        const ids = await page.getByTestId('client-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-client-id')));
        return ids.length > 0 && ids.every((id) => id !== null && overdue.has(id));
      })
      .toBe(true);
    await page.getByTestId('filter-overdue-reminder').selectOption('no');
    await expect
      .poll(async () => {
        const ids = await page.getByTestId('client-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-client-id')));
        return ids.length > 0 && ids.every((id) => id !== null && !overdue.has(id));
      })
      .toBe(true);
    expect(errors).toEqual([]);
  });
});
