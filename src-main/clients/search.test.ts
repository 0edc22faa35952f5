import { afterEach, describe, expect, it } from 'vitest';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';

let t: TestApp;
afterEach(async () => t.cleanup());

async function search(q: string): Promise<{ kind: string | null; names: string[] }> {
  const res = await t.call('admin-window', 'clients.search', { q });
  if (!res.ok) throw new Error(res.error.message);
  const value = res.value as { kind: string | null; results: { name: string }[] };
  return { kind: value.kind, names: value.results.map((r) => r.name) };
}

async function archive(): Promise<void> {
  t = await testApp();
  await withAdmin(t);
  await addClients(t.store, t.clock, [
    { name: '王芳', mobile: '13812341234', clientNo: '620100000001' },
    { name: '王芳芳', assetsYuan: 800_000 },
    { name: '李王芳', assetsYuan: 900_000 },
    { name: '王芳', assetsYuan: 500_000 },
    { name: '汪方', mobile: '13900005678' },
    { name: '单雄信' },
    { name: '曾乐' },
    { name: '欧阳修文' },
    { name: '解晓东' },
  ]);
}

describe('the counter search', () => {
  it('ranks exact, then prefix, then substring, and VIPs first within each', async () => {
    await archive();
    expect(await search('王芳')).toEqual({ kind: 'name', names: ['王芳', '王芳', '王芳芳', '李王芳'] });
    const [first] = (
      (await t.call('admin-window', 'clients.search', { q: '王芳' })) as { ok: true; value: { results: { tier: string }[] } }
    ).value.results;
    expect(first?.tier).toBe('vip');
  });

  it('matches a name from a single character anywhere in it', async () => {
    await archive();
    expect((await search('芳')).names.sort()).toEqual(['李王芳', '王芳', '王芳', '王芳芳'].sort());
    expect((await search('修')).names).toEqual(['欧阳修文']);
  });

  it('matches full pinyin and initials, with surnames read as surnames', async () => {
    await archive();
    // 汪方 reads wangfang too: exact matches first (the VIP 王芳 leading), then 王芳芳 by prefix.
    const wangfang = (await search('wangfang')).names;
    expect(wangfang[0]).toBe('王芳');
    expect(wangfang.slice(1, 3).sort()).toEqual(['汪方', '王芳'].sort());
    expect(wangfang[3]).toBe('王芳芳');
    expect(await search('wf')).toMatchObject({ kind: 'initials', names: expect.arrayContaining(['王芳', '汪方']) as unknown });
    // 单 is shan and 曾 is zeng as surnames; 解 is xie.
    expect((await search('shanxiongxin')).names).toEqual(['单雄信']);
    expect((await search('sxx')).names).toEqual(['单雄信']);
    expect((await search('danxiongxin')).names).toEqual([]);
    expect((await search('zeng')).names).toEqual(['曾乐']);
    expect((await search('xiexiaodong')).names).toEqual(['解晓东']);
    expect((await search('ouyang')).names).toEqual(['欧阳修文']);
    // Every reading of a polyphonic given name: 乐 is both le and yue.
    expect((await search('zengle')).names).toEqual(['曾乐']);
    expect((await search('zengyue')).names).toEqual(['曾乐']);
  });

  it('finds a client by mobile last four, ID last four and client number, and masks what it shows', async () => {
    await archive();
    expect(await search('1234')).toMatchObject({ kind: 'mobile_tail', names: ['王芳'] });
    expect(await search('5678')).toMatchObject({ kind: 'mobile_tail', names: ['汪方'] });
    expect(await search('620100000001')).toMatchObject({ kind: 'client_no', names: ['王芳'] });
    const res = await t.call('admin-window', 'clients.search', { q: '1234' });
    const row = (res as { ok: true; value: { results: { maskedMobile: string; maskedId: string }[] } }).value.results[0];
    expect(row?.maskedMobile).toBe('138****1234');
    expect(row?.maskedId).toMatch(/^\d{12}\*{6}$/);
    expect(JSON.stringify(res)).not.toContain('13812341234');
  });

  it('refuses an empty query with a translated validation error', async () => {
    await archive();
    expect(await t.call('admin-window', 'clients.search', { q: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'q', key: 'validation.required' }] },
    });
  });
});
