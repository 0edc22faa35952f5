import { afterEach, describe, expect, it } from 'vitest';
import type { ClientProfile, TimelineCursor } from '../../src-shared/contract';
import { uuidv7 } from '../../src-shared/domain/ids';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { withBulkWriter } from './bulk';

let t: TestApp;
afterEach(async () => t.cleanup());
const W = 'admin-window';

interface Page {
  entries: ClientProfile['timeline'];
  nextCursor: TimelineCursor | null;
}

async function page(clientId: string, before: TimelineCursor | null, limit?: number): Promise<Page> {
  const res = await t.call(W, 'clients.timeline', { clientId, before, ...(limit ? { limit } : {}) });
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

/** `n` contacts a minute apart from 1 January 2024, the last three in one and the same millisecond. */
async function contactsFor(clientId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  await withBulkWriter(t.store, t.clock, (w) => {
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.parse('2024-01-01T01:00:00Z') + Math.min(i, n - 3) * 60_000).toISOString();
      const id = uuidv7(t.clock.now() + i);
      ids.push(id);
      w.contact({
        id,
        clientId,
        at,
        channel: 'phone',
        staffId: null,
        staffName: '李娜',
        content: `第 ${i + 1} 次联系`,
        result: null,
        followUpProduct: null,
        followUpDue: null,
      });
    }
    return Promise.resolve();
  });
  return ids;
}

describe('the contact timeline beyond its newest 200 entries', () => {
  it('opens with the newest 200 and pages back through every older one, none twice, none missed', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id, other] = await addClients(t.store, t.clock, [{ name: '陈老客户' }, { name: '别的客户' }]);
    await contactsFor(other!, 5);
    const written = await contactsFor(id!, 453);

    const profile = (await t.call(W, 'clients.profile', { id: id! })) as { ok: true; value: ClientProfile };
    expect(profile.value.timeline).toHaveLength(200);
    expect(profile.value.timeline[0]?.content).toBe('第 453 次联系');
    expect(profile.value.timelineCursor).toEqual({ at: profile.value.timeline[199]!.at, id: profile.value.timeline[199]!.id });

    const seen = profile.value.timeline.map((c) => c.content);
    let cursor = profile.value.timelineCursor;
    const sizes: number[] = [];
    while (cursor) {
      const next = await page(id!, cursor);
      sizes.push(next.entries.length);
      seen.push(...next.entries.map((c) => c.content));
      cursor = next.nextCursor;
    }
    expect(sizes).toEqual([200, 53]);
    // Newest first, the three in the same millisecond in a fixed order, and only this client's.
    expect(seen).toEqual(written.map((_, i) => `第 ${i + 1} 次联系`).reverse());
  });

  it('pages in any size the screen asks for, and the last page says there is nothing older', async () => {
    t = await testApp();
    await withAdmin(t);
    const [id] = await addClients(t.store, t.clock, [{ name: '陈老客户' }]);
    await contactsFor(id!, 7);
    // The first page ends inside the three entries of one millisecond: the id settles where the next one starts.
    const first = await page(id!, null, 2);
    expect(first.entries.map((c) => c.content)).toEqual(['第 7 次联系', '第 6 次联系']);
    const second = await page(id!, first.nextCursor, 4);
    expect(second.entries.map((c) => c.content)).toEqual(['第 5 次联系', '第 4 次联系', '第 3 次联系', '第 2 次联系']);
    const last = await page(id!, second.nextCursor, 4);
    expect(last.entries.map((c) => c.content)).toEqual(['第 1 次联系']);
    expect(last.nextCursor).toBeNull();
    const whole = (await t.call(W, 'clients.profile', { id: id! })) as { ok: true; value: ClientProfile };
    expect(whole.value.timelineCursor).toBeNull();
  });

  it('answers an unknown client with NOT_FOUND and a page too large with VALIDATION', async () => {
    t = await testApp();
    await withAdmin(t);
    expect(await t.call(W, 'clients.timeline', { clientId: 'no-such-client' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call(W, 'clients.timeline', { clientId: 'x', limit: 501 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
