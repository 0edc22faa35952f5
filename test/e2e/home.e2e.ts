import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import {
  addStaff,
  launchBrowser,
  setUpFirstAdmin,
  signIn,
  startBrowserHost,
  watchPageErrors,
  withHostStore,
  type RunningHost,
} from '../fixtures/browser';

let browser: Browser;
let host: RunningHost;
const errors: string[] = [];

const ADMIN = { login: 'admin', name: '系统管理员', password: 'home-admin-2026-pass' };
const STAFF = [
  { login: 'lin.manager', name: '林行长', password: 'lin-manager-2026', role: 'manager' },
  { login: 'chen.counter', name: '陈柜员', password: 'chen-counter-2026', role: 'counter' },
  { login: 'wu.complaints', name: '吴专员', password: 'wu-complaints-2026', role: 'complaints' },
  { login: 'he.events', name: '何策划', password: 'he-events-2026', role: 'events' },
] as const;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  errors.push(...watchPageErrors(page));
  await page.goto(host.openUrl);
  return page;
}

const number = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[^\d]/g, ''));

beforeAll(async () => {
  [browser, host] = await Promise.all([launchBrowser(), startBrowserHost()]);
  const admin = await newPage();
  await setUpFirstAdmin(admin, ADMIN);
  await addStaff(admin, STAFF);
  await admin.context().close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('the branch at a glance in Chromium', () => {
  it('lands each role on its home screen', async () => {
    const parts: Record<(typeof STAFF)[number]['role'], string> = {
      manager: 'home-branch',
      counter: 'home-search',
      complaints: 'home-my-cases',
      events: 'home-events',
    };
    for (const person of STAFF) {
      const page = await newPage();
      await signIn(page, person);
      await page.getByTestId('home').waitFor();
      expect(page.url()).not.toContain('#/clients');
      await page.getByTestId(parts[person.role]).waitFor({ timeout: 15_000 });
      // Everyone sees their own day, with the worklist's counts.
      await expect.poll(() => page.getByTestId('home-today').textContent()).not.toContain('…');
      await expect.poll(() => page.getByTestId('home-follow-ups').textContent()).not.toContain('…');
      if (person.role !== 'manager') expect(await page.getByTestId('home-branch').count()).toBe(0);
      await page.context().close();
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it('the manager opens the clients report, changes its period, exports it, and a figure opens its list', async () => {
    const page = await newPage();
    await signIn(page, STAFF[0]);
    await page.getByTestId('home-branch').waitFor();
    // The home's figure of VIP clients is the store's count.
    const vipInStore = withHostStore(
      host,
      (raw) => (raw.prepare("SELECT count(*) AS n FROM clients WHERE tier = 'vip' AND deleted_hlc IS NULL").get() as { n: number }).n,
    );
    await expect.poll(() => number(page, 'fig-tier-vip'), { timeout: 15_000 }).toBe(vipInStore);

    await page.getByTestId('nav-reports').click();
    const report = page.getByTestId('clients-report');
    await report.waitFor();
    const newLast12 = await (async () => {
      await expect.poll(() => number(page, 'fig-new')).toBeGreaterThan(0);
      return number(page, 'fig-new');
    })();
    await report.getByTestId('report-period').locator('input').first().click();
    await page.getByRole('option', { name: zhCN['reports.preset.last_month'], exact: true }).click();
    await expect.poll(() => number(page, 'fig-new')).toBeLessThan(newLast12);
    const newLastMonth = await number(page, 'fig-new');

    await page.getByTestId('report-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-figures-csv').click()]);
    const lines = fs
      .readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('月份,层级,客户数,管理资产（元，月日均）');
    expect(lines.some((l) => l.startsWith('客户经理,'))).toBe(true);

    // The new clients of last month: the list behind the figure counts as many.
    await page.getByTestId('fig-new').click();
    await page.getByTestId('client-list-count').waitFor();
    await expect
      .poll(() => page.getByTestId('client-list-count').textContent())
      .toBe(zhCN['clients.list.count'].replace('{count}', newLastMonth.toLocaleString('zh-CN')));
    expect(await page.getByTestId('list-figure-filters').textContent()).toContain('至');

    // Back on the report: the uncovered VIP clients open as a list of that many.
    await page.goBack();
    await page.getByTestId('clients-report').waitFor();
    const uncovered = await number(page, 'fig-uncovered-vip');
    await page.getByTestId('fig-uncovered-vip').click();
    await expect
      .poll(() => page.getByTestId('client-list-count').textContent())
      .toBe(zhCN['clients.list.count'].replace('{count}', uncovered.toLocaleString('zh-CN')));

    // A manager's overdue items open the worklist for that manager, the same count on its group.
    await page.goBack();
    await page.getByTestId('clients-report').waitFor();
    const overdue = await number(page, 'fig-manager-overdue');
    await page.getByTestId('fig-manager-overdue').first().click();
    await page.getByTestId('worklist-groups').waitFor();
    await expect
      .poll(() => page.getByTestId('worklist-groups').textContent())
      .toContain(`${zhCN['worklist.group.overdue']} · ${overdue.toLocaleString('zh-CN')}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
