import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_COLUMNS } from '../../src-main/complaints/register';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import {
  addStaff,
  launchBrowser,
  setUpFirstAdmin,
  startBrowserHost,
  watchPageErrors,
  withHostStore,
  signIn,
  type RunningHost,
} from '../fixtures/browser';

let browser: Browser;
let host: RunningHost;
const pages: Page[] = [];
const errors: string[] = [];

const MANAGER = { login: 'zhou.min', name: '周敏', password: 'complaints-2026-ok' };
const CLERK = { login: 'chen.li', name: '陈丽', password: 'chen-li-pass-2026', role: 'counter' };
const OFFICER = { login: 'he.min', name: '何敏', password: 'he-min-pass-2026', role: 'complaints' };

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  errors.push(...watchPageErrors(page));
  pages.push(page);
  await page.goto(host.openUrl);
  return page;
}

beforeAll(async () => {
  [browser, host] = await Promise.all([launchBrowser(), startBrowserHost()]);
  const manager = await newPage();
  await setUpFirstAdmin(manager, MANAGER);
  // The manager adds the counter clerk and the complaint officer.
  await addStaff(manager, [CLERK, OFFICER]);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('a complaint from the phone to its closing', () => {
  let clerk: Page;
  let officer: Page;
  let caseNo = '';
  const client = () =>
    withHostStore(
      host,
      (raw) => raw.prepare("SELECT name FROM clients WHERE kind = 'individual' ORDER BY client_no LIMIT 1").get() as { name: string },
    );

  it('a counter clerk takes a phone complaint with the keyboard and gets the receipt to print', async () => {
    clerk = await newPage();
    await signIn(clerk, CLERK);
    await clerk.getByTestId('nav-complaints').click();
    await clerk.getByTestId('complaint-new').click();
    // Saving with nothing filled in names every missing field and sends nothing.
    await clerk.getByTestId('complaint-submit').click();
    await expect.poll(() => clerk.getByTestId('complaint-form').textContent()).toContain(zhCN['validation.required']);

    const { name } = client();
    await clerk.getByTestId('complaint-client-search').fill(name);
    await clerk.getByTestId('complaint-client-option').first().click();
    await clerk.getByTestId('complaint-channel').selectOption('phone');
    await clerk.getByTestId('complaint-business-line').selectOption('credit_card');
    await clerk.getByTestId('complaint-cause').selectOption('pricing_and_fees');
    await clerk.getByTestId('complaint-description').fill('信用卡年费未经告知被扣收 300 元');
    await clerk.getByTestId('complaint-request').fill('退还年费');
    await clerk.getByTestId('complaint-request').press('Control+Enter');

    const receipt = clerk.getByTestId('complaint-receipt');
    await receipt.waitFor();
    caseNo = (await clerk.getByTestId('receipt-complaints.case_no').textContent()) ?? '';
    // The day's count follows the demo branch's cases taken today, if any.
    expect(caseNo).toMatch(/^TS\d{8}-[0-9A-F]{4}-\d{3}$/);
    expect(await receipt.textContent()).toContain(name);
    // The printed page is the receipt alone: the navigation and the buttons stay off the paper.
    await clerk.emulateMedia({ media: 'print' });
    expect(await receipt.isVisible()).toBe(true);
    expect(await clerk.getByTestId('nav-complaints').isVisible()).toBe(false);
    expect(await clerk.getByTestId('receipt-print').isVisible()).toBe(false);
    await clerk.emulateMedia({ media: 'screen' });

    // The letter the complainant brought, scanned: attached before anyone accepts the case. A program named like a
    // PDF is refused by its content, in the clerk's language.
    const attachInput = clerk.locator('input[type=file]');
    await attachInput.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
    await expect.poll(() => clerk.getByTestId('attach-error').textContent()).toBe(zhCN['errors.complaints.attachment_type']);
    await clerk.getByTestId('attach-note').fill('客户来信扫描件');
    await attachInput.setInputFiles({
      name: '来信.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% a scanned letter\n'),
    });
    await expect.poll(() => clerk.getByTestId('receipt-file').allTextContents()).toEqual(['来信.pdf']);
    await clerk.getByTestId('receipt-done').click();
    // The clerk follows how the case stands, not what it says.
    await clerk.getByTestId('case-status-only').waitFor();
    expect(await clerk.getByTestId('case-status').textContent()).toBe(zhCN['complaints.status.received']);
  });

  it('a complaint officer on another session accepts, investigates, extends twice (the second approved by the manager), decides and closes it', async () => {
    officer = await newPage();
    await signIn(officer, OFFICER);
    await officer.getByTestId('nav-complaints').click();
    const row = officer.getByTestId('complaint-row').filter({ hasText: caseNo });
    await row.waitFor();
    expect(await row.getByTestId('complaint-days-left').textContent()).toBe('剩 15 天');
    await row.click();
    await officer.getByTestId('case-header').waitFor();

    const take = async (kind: string, fill?: () => Promise<void>) => {
      await officer.getByTestId(`take-${kind}`).click();
      await fill?.();
      await officer.getByTestId('step-submit').click();
      await officer.getByTestId('step-form').waitFor({ state: 'detached' });
    };
    // The clerk's scan is on the case.
    await expect.poll(() => officer.getByTestId('case-file').allTextContents()).toEqual([expect.stringContaining('来信.pdf')]);
    await take('accepted');
    await take('assigned', async () => {
      await officer.getByTestId('step-officer').selectOption({ label: OFFICER.name });
    });
    await take('investigating');
    await take('extended', () => officer.getByTestId('step-note').fill('需调取三个月账单'));
    await expect.poll(() => officer.getByTestId('case-due').textContent()).toContain('剩 30 天');

    // To 60 days: a manager approves at the officer's side. A wrong password is refused and keeps what was typed.
    await officer.getByTestId('take-extended').click();
    await officer.getByTestId('step-note').fill('涉及第三方收单机构');
    await officer.getByTestId('step-approver-login').fill(MANAGER.login);
    await officer.getByTestId('step-approver-password').fill('not-the-password');
    await officer.getByTestId('step-submit').click();
    await expect.poll(() => officer.getByTestId('step-error').textContent()).toBe(zhCN['errors.complaints.approval_failed']);
    expect(await officer.getByTestId('step-note').inputValue()).toBe('涉及第三方收单机构');
    await officer.getByTestId('step-approver-password').fill(MANAGER.password);
    await officer.getByTestId('step-submit').click();
    await officer.getByTestId('step-form').waitFor({ state: 'detached' });
    await expect.poll(() => officer.getByTestId('case-due').textContent()).toContain('剩 60 天');

    await take('decided', async () => {
      await officer.getByTestId('step-outcome').getByText(zhCN['complaints.outcome.partly_upheld']).click();
      await officer.getByTestId('step-reasons').fill('续期扣费前未短信提醒');
      await officer.getByTestId('step-remedy').fill('退还年费 300 元');
      await officer.getByTestId('step-root-cause').fill('续期提醒短信模板缺失');
      await officer.getByTestId('step-fix').fill('补充续期提醒模板，按月抽查');
    });
    await take('closed', () => officer.getByTestId('step-satisfaction').getByText('4').click());
    expect(await officer.getByTestId('case-status').textContent()).toBe(zhCN['complaints.status.closed']);

    // Every step is in the history, with who took it.
    const history = officer.getByTestId('case-event');
    await expect.poll(() => history.count()).toBe(8);
    const text = (await officer.getByTestId('case-history').textContent()) ?? '';
    for (const kind of ['received', 'accepted', 'assigned', 'investigating', 'extended', 'decided', 'closed'] as const) {
      expect(text).toContain(zhCN[`complaints.event.${kind}`]);
    }
    expect(text).toContain(MANAGER.name);
    expect(text).toContain('续期提醒短信模板缺失');
  });

  it("the clerk's list shows the case closed", async () => {
    await clerk.getByTestId('nav-complaints').click();
    const row = clerk.getByTestId('complaint-row').filter({ hasText: caseNo });
    await expect.poll(() => row.textContent()).toContain(zhCN['complaints.status.closed']);
    expect(errors).toEqual([]);
  });

  it('the manager finds the case in the register export and on the report’s chart', async () => {
    const manager = await newPage();
    await signIn(manager, MANAGER);
    await manager.getByTestId('nav-reports').click();
    await manager.getByTestId('report-sections').getByText(zhCN['reports.section.complaints']).click();
    await manager.getByTestId('complaints-report').waitFor();
    // The demo branch's year of cases, and this one.
    await expect.poll(async () => Number(await manager.getByTestId('figure-received').textContent())).toBeGreaterThan(1);
    const received = Number(await manager.getByTestId('figure-received').textContent());
    // One bar, by channel: the phone.
    await manager.getByTestId('report-dimension').getByText(zhCN['reports.complaints.dimension.channel']).click();
    const chart = manager.getByTestId('complaints-chart');
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await expect.poll(() => chart.textContent()).toContain(zhCN['complaints.channel.phone']);

    // The register for the period: the documented columns, the case on its line, the complainant masked.
    await manager.getByTestId('report-export').click();
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByTestId('export-register-csv').click()]);
    const file = await download.path();
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]?.split(',')).toEqual(REGISTER_COLUMNS.map(([name]) => name));
    const line = lines.find((l) => l.startsWith(caseNo))?.split(',') ?? [];
    expect(line.slice(3, 9)).toEqual(['电话', '信用卡', '定价收费', expect.stringMatching(/^.\*+$/u), '部分成立', '0']);
    expect(line[11]).toBe('是');
    // The register lists the same cases the report counts.
    expect(lines.length - 1).toBe(received);
    expect(errors).toEqual([]);
  });
});
