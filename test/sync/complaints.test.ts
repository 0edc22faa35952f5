import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_CHUNK_BYTES } from '../../src-shared/domain/attachments';
import { MAX_BATCH_TEXT, MAX_BODY_BYTES } from '../../src-shared/sync/protocol';
import type { InputOf } from '../../src-shared/contract';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

// The branch manager who set each workstation up (admin and manager): may take every step of a case.
const MANAGER = 'admin-window';

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

const walkIn: InputOf<'complaints.create'> = {
  complainantKind: 'anonymous',
  complainantName: '赵先生',
  complainantContact: '13700001234',
  channel: 'counter',
  businessLine: 'wealth_products',
  cause: 'sales_practice',
  description: '购买理财时未告知可能亏损本金',
  severity: 'high',
};

function stored(w: Workstation, id: string) {
  return {
    kase: w.store.raw.prepare('SELECT status, due_on, conflicts, case_no FROM complaints WHERE id = ?').get(id),
    events: (
      w.store.raw.prepare('SELECT kind FROM complaint_events WHERE complaint_id = ? ORDER BY updated_hlc').all(id) as { kind: string }[]
    ).map((e) => e.kind),
  };
}

describe.each(HUB_KINDS)('complaints across the branch with the %s hub', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function station(h: TestHub): Promise<Workstation> {
    const w = await workstation();
    cleanups.push(() => w.cleanup());
    await withAdmin(w, MANAGER);
    await w.enroll(h, '0931');
    return w;
  }

  it('a case taken at one workstation is handled at the other; two steps taken offline from one state are both kept and shown as a conflict', async () => {
    const h = await startTestHub(kind);
    cleanups.push(() => h.close());
    const a = await station(h);
    const b = await station(h);

    const { id, caseNo } = await ok(a.call(MANAGER, 'complaints.create', walkIn));
    await ok(a.call(MANAGER, 'complaints.step', { id, expectedStatus: 'received', step: { kind: 'accepted', note: null } }));
    await ok(a.call(MANAGER, 'complaints.step', { id, expectedStatus: 'accepted', step: { kind: 'investigating', note: null } }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(stored(b, id)).toEqual({
      kase: { status: 'investigating', due_on: '2026-11-17', conflicts: 0, case_no: caseNo },
      events: ['received', 'accepted', 'investigating'],
    });

    // Offline, each from "investigating": A decides, a minute later B escalates to head office.
    await ok(
      a.call(MANAGER, 'complaints.step', {
        id,
        expectedStatus: 'investigating',
        step: {
          kind: 'decided',
          outcome: 'upheld',
          reasons: '风险揭示书未签署',
          rootCause: '双录流程缺失',
          fix: '理财销售一律双录',
          complainantToldAt: '2026-11-02T08:50:00+08:00',
        },
      }),
    );
    b.clock.advance(60_000);
    await ok(
      b.call(MANAGER, 'complaints.step', {
        id,
        expectedStatus: 'investigating',
        step: { kind: 'escalated', level: 'head_office', note: '金额较大，报总行' },
      }),
    );

    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    for (const w of [a, b]) {
      expect(stored(w, id)).toEqual({
        kase: { status: 'decided', due_on: null, conflicts: 1, case_no: caseNo },
        events: ['received', 'accepted', 'investigating', 'decided', 'escalated'],
      });
      const kase = await ok(w.call(MANAGER, 'complaints.get', { id }));
      expect(kase.conflicts).toBe(true);
      expect(kase.content?.events.map((e) => [e.kind, e.conflict])).toEqual([
        ['received', false],
        ['accepted', false],
        ['investigating', false],
        ['decided', false],
        ['escalated', true],
      ]);
      expect(await w.sync.status()).toMatchObject({ pendingChanges: 0, parkedChanges: 0, lastError: null });
    }
  });

  it('a case’s scans travel with it: an 18 MB file goes in pushes and pulled pages that each fit the hub’s limits', async () => {
    const h = await startTestHub(kind);
    cleanups.push(() => h.close());
    const a = await station(h);
    const b = await station(h);
    await ok(a.call(MANAGER, 'settings.update', { attachmentMaxMb: 20 }));
    const { id } = await ok(a.call(MANAGER, 'complaints.create', walkIn));
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(18 * 1024 * 1024)]);
    const file = await ok(a.call(MANAGER, 'complaints.attach', { id, fileName: '合同.pdf', contentBase64: scan.toString('base64') }));
    // One push of it all would be 25 MB of JSON, past the hub's 16 MB body limit: it goes in several.
    expect(scan.length * (4 / 3)).toBeGreaterThan(MAX_BODY_BYTES);
    expect(await a.sync.syncNow()).toMatchObject({ pushed: 2 + Math.ceil(scan.length / ATTACHMENT_CHUNK_BYTES) + 1 });
    expect(await a.sync.status()).toMatchObject({ pendingChanges: 0, lastError: null });

    // A pulled page stops at the text budget too.
    const device = await h.db.db.selectFrom('hub_devices').select(['id', 'branch_id']).executeTakeFirstOrThrow();
    const pulled = await h.server.service.pull(
      { id: device.id, branchId: device.branch_id },
      { cursor: 0, limit: 20_000, includeOwn: true },
    );
    const page = JSON.parse(pulled.text) as { changes: unknown[]; more: boolean };
    expect(page.more).toBe(true);
    expect(JSON.stringify(page.changes).length).toBeLessThan(MAX_BATCH_TEXT + ATTACHMENT_CHUNK_BYTES * 2);

    await b.sync.syncNow();
    expect(await b.sync.status()).toMatchObject({ pendingChanges: 0, parkedChanges: 0, lastError: null });
    const copy = await ok(b.call(MANAGER, 'complaints.attachment', { id: file.id }));
    expect(Buffer.from(copy.contentBase64, 'base64').equals(scan)).toBe(true);
  });
});
