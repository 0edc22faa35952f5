import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { zhTW } from '../../src-renderer/i18n/zh-TW';
import { launchBrowser, startBrowserHost, watchPageErrors, type RunningHost } from '../fixtures/browser';

let browser: Browser;
let host: RunningHost;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchBrowser(), startBrowserHost()]);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const ADMIN = { login: 'wang.jg', name: '王建国', password: 'branch-admin-2026' };

async function newPage(idleSeconds?: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  if (idleSeconds !== undefined) {
    // Only so this test need not wait ten minutes; production takes the idle time from the settings.
    await context.addInitScript((s) => sessionStorage.setItem('branchdesk.idleLockSecondsForTest', String(s)), idleSeconds);
  }
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  return { page, errors };
}

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByTestId('signin-login').fill(ADMIN.login);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-password').press('Enter');
}

describe('a branch’s first morning with BranchDesk', () => {
  it('the first run creates the administrator, who lands in the workstation', async () => {
    const { page, errors } = await newPage();
    await page.goto(host.openUrl);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(zhCN['auth.setup.title']);
    // The token moved out of the address bar into the tab's session storage.
    expect(page.url()).not.toContain('token=');
    await page.getByTestId('setup-login').fill(ADMIN.login);
    await page.getByTestId('setup-name').fill(ADMIN.name);
    await page.getByTestId('setup-password').fill(ADMIN.password);
    await page.getByTestId('setup-password2').fill(ADMIN.password);
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByTestId('staff-name').textContent()).toContain(ADMIN.name);
    await expect.poll(() => page.getByTestId('nav-clients').textContent()).toContain(zhCN['nav.clients']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a wrong password is refused with a message, the right one signs in', async () => {
    const { page, errors } = await newPage();
    await page.goto(host.openUrl);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(zhCN['auth.signin.title']);
    await signIn(page, 'not-my-password');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBe(zhCN['errors.auth.wrong_password']);
    await expect(page.getByTestId('staff-name').count()).resolves.toBe(0);
    await signIn(page, ADMIN.password);
    await expect.poll(() => page.getByTestId('staff-name').textContent()).toContain(ADMIN.name);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await page.context().close();
  });

  it('the language switch turns the whole screen into English, Traditional and back', async () => {
    const { page } = await newPage();
    await page.goto(host.openUrl);
    await signIn(page, ADMIN.password);
    await expect.poll(() => page.getByTestId('nav-settings').textContent()).toContain(zhCN['nav.settings']);
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('nav-settings').textContent()).toContain(en['nav.settings']);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByTestId('language-switch').getByText('繁體中文').click();
    await expect.poll(() => page.getByTestId('nav-clients').textContent()).toContain(zhTW['nav.clients']);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-TW');
    // The choice survives a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-clients').textContent()).toContain(zhTW['nav.clients']);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await expect.poll(() => page.getByTestId('nav-clients').textContent()).toContain(zhCN['nav.clients']);
    await page.context().close();
  });

  it('an idle workstation locks, keeps the half-typed form, and unlocks with the password', async () => {
    const { page, errors } = await newPage(3);
    await page.goto(host.openUrl);
    await signIn(page, ADMIN.password);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('staff-add-login').fill('zhao.li');
    await page.getByTestId('staff-add-name').fill('赵丽');
    // No keyboard or mouse for longer than the idle time.
    await expect.poll(() => page.getByTestId('lock-overlay').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('unlock-password').fill('wrong-password-1');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toBe(zhCN['errors.auth.wrong_password']);
    await page.getByTestId('unlock-password').fill(ADMIN.password);
    await page.getByTestId('unlock-password').press('Enter');
    await expect.poll(() => page.getByTestId('lock-overlay').count()).toBe(0);
    expect(await page.getByTestId('staff-add-login').inputValue()).toBe('zhao.li');
    expect(await page.getByTestId('staff-add-name').inputValue()).toBe('赵丽');
    // Locked again, a colleague takes the workstation over: the locked session is signed out.
    await expect.poll(() => page.getByTestId('lock-overlay').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('lock-switch-staff').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(zhCN['auth.signin.title']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a page opened without the launch token is told where to get it', async () => {
    const { page } = await newPage();
    await page.goto(new URL(host.openUrl).origin + '/');
    await expect.poll(() => page.getByTestId('host-token-rejected').isVisible()).toBe(true);
    await page.context().close();
  });
});
