import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const errors: string[] = [];

const MANAGER = { login: 'zhou.min', name: '周敏', password: 'events-2026-ok-pass' };
const COORDINATOR = { login: 'xu.ting', name: '徐婷', password: 'xu-ting-pass-2026', role: 'events' };
const CLERK = { login: 'chen.li', name: '陈丽', password: 'chen-li-pass-2026', role: 'counter' };

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  errors.push(...watchPageErrors(page));
  await page.goto(host.openUrl);
  return page;
}

/** The demo branch's VIP clients interested in precious metals a salon may invite (consenting, not do-not-disturb). */
const VIP_METALS = `demo = 1 AND tier = 'vip' AND do_not_disturb = 0 AND marketing_consent = 1 AND interests LIKE '%"贵金属"%'`;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchBrowser(), startBrowserHost()]);
  const manager = await newPage();
  await setUpFirstAdmin(manager, MANAGER);
  await addStaff(manager, [COORDINATOR, CLERK]);
  await manager.context().close();
  // Enough of them for a salon of twenty to overflow: a few more VIPs told the counter they like gold.
  withHostStore(host, (raw) => {
    const have = (raw.prepare(`SELECT count(*) AS n FROM clients WHERE ${VIP_METALS}`).get() as { n: number }).n;
    raw
      .prepare(
        `UPDATE clients SET interests = '["贵金属"]' WHERE id IN (SELECT id FROM clients WHERE demo = 1 AND tier = 'vip'
         AND do_not_disturb = 0 AND marketing_consent = 1 AND interests NOT LIKE '%"贵金属"%' ORDER BY client_no LIMIT ?)`,
      )
      .run(Math.max(0, 24 - have));
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('a salon from its guest list to its review', () => {
  let coordinator: Page;
  let eventId = '';
  const eligible = () =>
    withHostStore(host, (raw) => (raw.prepare(`SELECT count(*) AS n FROM clients WHERE ${VIP_METALS}`).get() as { n: number }).n);
  const guestsInState = (state: string) =>
    withHostStore(
      host,
      (raw) =>
        raw
          .prepare(
            'SELECT g.id, c.name, c.initials FROM event_guests g JOIN clients c ON c.id = g.client_id WHERE g.event_id = ? AND g.state = ? ORDER BY g.queue',
          )
          .all(eventId, state) as { id: string; name: string; initials: string }[],
    );

  it('the coordinator plans a practice salon for 20 and builds its list from VIP clients interested in precious metals', async () => {
    coordinator = await newPage();
    await signIn(coordinator, COORDINATOR);
    await coordinator.getByTestId('nav-events').click();
    await coordinator.getByTestId('event-new').click();
    await coordinator.getByTestId('event-title').fill('贵金属投资沙龙');
    await coordinator.getByTestId('event-starts-at').fill('2027-01-15 14:00');
    await coordinator.getByTestId('event-ends-at').fill('2027-01-15 16:30');
    await coordinator.getByTestId('event-venue').fill('三楼贵宾室');
    await coordinator.getByTestId('event-capacity').fill('20');
    await coordinator.getByTestId('event-costPerHeadYuan').fill('150');
    // On this training workstation a new event is a practice one, on the demo clients.
    expect(await coordinator.getByTestId('event-practice').isChecked()).toBe(true);
    await coordinator.getByTestId('event-venue').press('Control+Enter');
    await expect.poll(() => coordinator.getByTestId('event-status').textContent()).toBe(zhCN['events.status.draft']);
    eventId = decodeURIComponent(new URL(coordinator.url()).hash.split('/')[2] ?? '');
    await coordinator.getByTestId('event-step-opened').click();
    await expect.poll(() => coordinator.getByTestId('event-status').textContent()).toBe(zhCN['events.status.open']);

    await coordinator.getByTestId('segment-tiers').click({ force: true });
    await coordinator.getByRole('option', { name: zhCN['tier.vip'] }).click();
    await coordinator.keyboard.press('Escape');
    await coordinator.getByTestId('segment-interests').click({ force: true });
    await coordinator.keyboard.type('贵金属');
    await coordinator.keyboard.press('Enter');
    await coordinator.keyboard.press('Escape');
    const n = eligible();
    expect(n).toBeGreaterThanOrEqual(22);
    // The live count names how many can be added.
    await expect.poll(() => coordinator.getByTestId('segment-add').textContent(), { timeout: 10_000 }).toContain(`${n}`);
    await coordinator.getByTestId('segment-add').click();
    await coordinator.getByTestId('segment-added').waitFor();
    await expect.poll(() => coordinator.getByTestId('guest-row').count()).toBe(n);
  });

  it('records 21 acceptances and a refusal: twenty seats, then the waitlist', async () => {
    const listed = coordinator.locator('[data-testid=guest-row][data-state=listed]');
    for (let i = 0; i < 22; i++) {
      const before = await listed.count();
      await listed.first().getByTestId('guest-invite').click();
      const dialog = coordinator.getByTestId('invite-dialog');
      await dialog.waitFor();
      if (i === 21) await dialog.getByTestId('invite-answer').getByText(zhCN['events.invite.answer.declined']).click();
      await dialog.getByTestId('invite-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => listed.count()).toBe(before - 1);
    }
    await expect.poll(() => coordinator.getByTestId('count-seated').textContent()).toBe('已定座位 20 / 20');
    expect(await coordinator.getByTestId('count-waitlisted').textContent()).toBe('候补 1 人');
    const waiting = coordinator.locator('[data-testid=guest-row][data-state=waitlisted]');
    expect(await waiting.count()).toBe(1);
    expect(await coordinator.locator('[data-testid=guest-row][data-state=declined]').count()).toBe(1);
  });

  it('a seated guest withdraws: the next in line moves up and whoever invited them is asked to call', async () => {
    const [next] = guestsInState('waitlisted');
    const seated = coordinator.locator('[data-testid=guest-row][data-state=seated]');
    await seated.first().getByTestId('guest-withdrew').click();
    const moved = coordinator.locator('[data-testid=guest-row][data-state=seated]').filter({ hasText: next!.name });
    await expect.poll(() => moved.getByTestId('guest-notice').textContent()).toBe(zhCN['events.notice.moved_up']);
    expect(await coordinator.getByTestId('count-waitlisted').textContent()).toBe('候补 0 人');
    // On the coordinator's worklist: the call to make, and the call recorded from there.
    await coordinator.getByTestId('nav-worklist').click();
    const item = coordinator.getByTestId('worklist-event').filter({ hasText: next!.name });
    await item.waitFor();
    expect(await item.textContent()).toContain(zhCN['events.notice.moved_up']);
    await item.getByTestId('worklist-event-told').click();
    await expect.poll(() => item.count()).toBe(0);
  });

  it('prints an invitation letter per seated guest, each with its QR code', async () => {
    await coordinator.goto(`${host.openUrl}#/events/${eventId}`);
    await coordinator.getByTestId('tab-letters').click();
    await expect.poll(() => coordinator.getByTestId('letter').count()).toBe(20);
    const first = coordinator.getByTestId('letter').first();
    expect(await first.getByTestId('letter-qr').count()).toBe(1);
    expect(await first.getByTestId('letter-code').textContent()).toMatch(/^BD-INV:[0-9a-f-]{36}$/);
    await coordinator.emulateMedia({ media: 'print' });
    expect(await first.isVisible()).toBe(true);
    expect(await coordinator.getByTestId('nav-events').isVisible()).toBe(false);
    expect(await coordinator.getByTestId('letters-print').isVisible()).toBe(false);
    await coordinator.emulateMedia({ media: 'screen' });
  });

  it('the clerk at the door checks guests in by the letter’s QR text and by initials, and adds a walk-in', async () => {
    const door = await newPage();
    await signIn(door, CLERK);
    await door.goto(`${host.openUrl}#/events/${eventId}`);
    await door.getByTestId('tab-door').click();
    const seated = guestsInState('seated');
    // A USB scanner types the code and Enter.
    const input = door.getByTestId('checkin-input');
    await input.fill(`BD-INV:${seated[0]!.id}`);
    await input.press('Enter');
    await expect.poll(() => door.getByTestId('checkin-result').textContent()).toContain(seated[0]!.name);
    await expect.poll(() => door.getByTestId('checkin-arrived').textContent()).toBe('1');
    // The same letter again counts once.
    await input.fill(`BD-INV:${seated[0]!.id}`);
    await input.press('Enter');
    await expect.poll(() => door.getByTestId('checkin-result').textContent()).toContain(zhCN['events.door.already']);
    // By initials: the guest among the matches, one click.
    const other = seated[1]!;
    await input.fill(other.initials);
    await door.getByTestId('checkin-guest').filter({ hasText: other.name }).click();
    await expect.poll(() => door.getByTestId('checkin-arrived').textContent()).toBe('2');
    // Someone nobody has on file: a prospect, created and checked in.
    await door.getByTestId('walkin-open').click();
    await door.getByTestId('walkin-name').fill('周杰');
    await door.getByTestId('walkin-mobile').fill('13700009999');
    await door.getByTestId('walkin-save').click();
    await expect.poll(() => door.getByTestId('checkin-arrived').textContent()).toBe('3');
    expect(await door.getByTestId('checkin-expected').textContent()).toBe('20');
    const prospect = withHostStore(host, (raw) =>
      raw.prepare("SELECT lifecycle, demo FROM clients WHERE name = '周杰' AND mobile_tail = '9999'").get(),
    );
    expect(prospect).toEqual({ lifecycle: 'prospect', demo: 1 });
    await door.context().close();
  });

  it('after the day, the review reads the figures', async () => {
    await coordinator.reload();
    await coordinator.getByTestId('event-step-held').click();
    await expect.poll(() => coordinator.getByTestId('event-status').textContent()).toBe(zhCN['events.status.held']);
    await coordinator.getByTestId('tab-review').click();
    await coordinator.getByTestId('event-review').waitFor();
    // 22 invited, all reached; 20 still accepted of them; 2 of the 20 came, with one walk-in; 18 did not.
    await expect.poll(() => coordinator.getByTestId('review-reach').textContent()).toBe('100.0%');
    expect(await coordinator.getByTestId('review-accept').textContent()).toBe(`${((20 / 22) * 100).toFixed(1)}%`);
    expect(await coordinator.getByTestId('review-attend').textContent()).toBe('10.0%');
    expect(await coordinator.getByTestId('review-no-shows').textContent()).toBe('18');
    expect(errors).toEqual([]);
  });
});
