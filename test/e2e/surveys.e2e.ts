import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src-shared/domain/clock';
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

const MANAGER = { login: 'zhou.min', name: '周敏', password: 'surveys-2026-ok-pass' };
const CLERK = { login: 'chen.li', name: '陈丽', password: 'chen-li-pass-2026', role: 'counter' };

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  errors.push(...watchPageErrors(page));
  await page.goto(host.openUrl);
  return page;
}

/** This month's NPS straight from the store, as the report's "this month" should show it. */
function npsThisMonth(): { n: number; nps: number } {
  const today = localDate(Date.now(), 'Asia/Shanghai');
  return withHostStore(host, (raw) => {
    const row = raw
      .prepare(
        `SELECT count(nps) AS n, 100.0 * (sum(nps >= 9) - sum(nps <= 6)) / count(nps) AS nps FROM survey_responses
         WHERE day BETWEEN ? AND ?`,
      )
      .get(`${today.slice(0, 7)}-01`, today) as { n: number; nps: number };
    return { n: row.n, nps: Math.round(row.nps * 10) / 10 };
  });
}

/** The manager's report for this month: waits until its NPS is the store's own figure, and returns it as shown. */
async function reportShowsNps(page: Page, expected: number): Promise<string> {
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('report-sections').getByText(zhCN['reports.section.surveys']).click();
  const report = page.getByTestId('surveys-report');
  await report.getByTestId('report-period').locator('input').first().click();
  await page.getByRole('option', { name: zhCN['reports.preset.this_month'], exact: true }).click();
  const figure = report.getByTestId('surveys-total-nps');
  await expect.poll(async () => Number(await figure.textContent()), { timeout: 10_000 }).toBe(expected);
  return (await figure.textContent()) ?? '';
}

beforeAll(async () => {
  [browser, host] = await Promise.all([launchBrowser(), startBrowserHost()]);
  const manager = await newPage();
  await setUpFirstAdmin(manager, MANAGER);
  await addStaff(manager, [CLERK]);
  await manager.context().close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('satisfaction surveys in Chromium', () => {
  it('a phone callback entered by keyboard alone raises a follow-up on the worklist and moves the NPS on the report', async () => {
    // A demo client of nobody's (the branch pool: the manager's worklist has it), named once in the archive.
    const client = withHostStore(host, (raw) =>
      raw
        .prepare(
          `SELECT id, name FROM clients WHERE demo = 1 AND manager_id IS NULL AND name IN
             (SELECT name FROM clients GROUP BY name HAVING count(*) = 1) ORDER BY client_no LIMIT 1`,
        )
        .get(),
    ) as { id: string; name: string };

    const manager = await newPage();
    await signIn(manager, MANAGER);
    const storeBefore = npsThisMonth();
    const before = await reportShowsNps(manager, storeBefore.nps);

    // The clerk calls the client back and types the answers: the name, Tab to the match, Enter; then one key an answer.
    const clerk = await newPage();
    await signIn(clerk, CLERK);
    await clerk.goto(`${host.openUrl}#/surveys/enter?occasion=phone_callback`);
    await clerk.getByTestId('survey-client-search').waitFor();
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('survey-client-search');
    await clerk.keyboard.type(client.name);
    await clerk.getByTestId('survey-client-option').first().waitFor();
    await clerk.keyboard.press('Tab');
    await clerk.keyboard.press('Enter');
    await clerk.getByTestId('survey-client-picked').waitFor();
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('survey-q-overall');
    // A 7 is no rating: main refuses it, names the question, and what was typed stays.
    await clerk.keyboard.type('7'); // overall → the next question
    await clerk.keyboard.type('c'); // resolved: C, not resolved
    await clerk.keyboard.type('2'); // recommend: 2 (a detractor)
    await clerk.keyboard.type('等了一周也没人回电话');
    await clerk.keyboard.press('Control+Enter');
    await expect(clerk.getByTestId('survey-issue-overall').textContent()).resolves.toBe(zhCN['validation.surveys.rating_range']);
    await expect(clerk.getByTestId('survey-q-recommend').inputValue()).resolves.toBe('2');
    await expect(clerk.getByTestId('survey-q-comment').inputValue()).resolves.toBe('等了一周也没人回电话');
    await clerk.getByTestId('survey-q-overall').focus();
    await clerk.keyboard.press('Backspace');
    await clerk.keyboard.type('2');
    await clerk.keyboard.press('Control+Enter');
    await clerk.getByTestId('survey-saved').waitFor();
    expect(await clerk.getByTestId('survey-saved').textContent()).toContain(zhCN['surveys.entry.follow_up_raised']);
    // The clerk's own answers list has it, the words quoted.
    await clerk.getByTestId('survey-tabs').getByText(zhCN['surveys.tab.answers']).click();
    await expect.poll(() => clerk.getByTestId('answers-row').first().textContent()).toContain('等了一周也没人回电话');

    // The manager's worklist: the follow-up for the client, with the answer quoted.
    await manager.getByTestId('nav-worklist').click();
    await manager.getByTestId('worklist-kind').selectOption('survey_follow_up');
    // Raised today, the call due by tomorrow: among the upcoming items.
    await manager.getByTestId('worklist-groups').getByText(zhCN['worklist.group.upcoming'], { exact: false }).click();
    const row = manager.getByTestId('worklist-row').filter({ hasText: client.name });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('NPS 2 · CSAT 2 · “等了一周也没人回电话”');

    // The report's NPS for this month moved, to the store's own figure.
    const storeAfter = npsThisMonth();
    expect(storeAfter.n).toBe(storeBefore.n + 1);
    const after = await reportShowsNps(manager, storeAfter.nps);
    expect(Number(after)).toBeLessThan(Number(before));
    // The detractors figure opens the list behind it: as many rows as it counts.
    const detractors = Number(await manager.getByTestId('surveys-total-detractors').textContent());
    await manager.getByTestId('surveys-total-detractors').click();
    await expect.poll(() => manager.getByTestId('answers-total').textContent()).toContain(`共 ${detractors.toLocaleString('zh-CN')} 份`);
    expect(errors).toEqual([]);
  }, 120_000);
});
