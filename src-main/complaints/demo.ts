import type { Transaction } from 'kysely';
import type { Staff } from '../../src-shared/contract';
import type { ComplaintIntake, ComplaintStep } from '../../src-shared/contract/complaints';
import type { Clock } from '../../src-shared/domain/clock';
import { COMPLAINT_CHANNELS, type ComplaintStatus } from '../../src-shared/domain/complaints';
import type { AppCore } from '../app';
import { appendAudit } from '../audit/log';
import { AtClock, demoCore } from '../demo/at-clock';
import { createStaff } from '../auth/staff';
import { Rng } from '../clients/seed/random';
import { loadSettings } from '../settings/service';
import type { Store } from '../store/open';
import type { Database } from '../store/schema';
import { takeComplaint, takeStep } from './cases';

const DAY_MS = 86_400_000;

/** What clients really complain about at a branch, by business line and cause (DOMAIN.md §5, the seeds). */
const STORIES: { businessLine: string; cause: string; description: string; request: string | null; amountFen: number | null }[] = [
  {
    businessLine: 'credit_card',
    cause: 'pricing_and_fees',
    description: '信用卡年费未经告知被扣收',
    request: '退还年费',
    amountFen: 30_000,
  },
  {
    businessLine: 'wealth_products',
    cause: 'sales_practice',
    description: '购买理财产品时未充分揭示亏损本金的风险',
    request: '赔偿损失',
    amountFen: 1_250_000,
  },
  {
    businessLine: 'savings',
    cause: 'service_attitude',
    description: '柜员办理挂失时态度生硬，解释不耐心',
    request: '赔礼道歉',
    amountFen: null,
  },
  {
    businessLine: 'debit_card',
    cause: 'process',
    description: '借记卡被锁后需本人多次到网点才能解锁',
    request: '简化流程',
    amountFen: null,
  },
  {
    businessLine: 'personal_loans',
    cause: 'debt_collection',
    description: '催收电话打到单位同事处',
    request: '停止联系第三人',
    amountFen: null,
  },
  {
    businessLine: 'agency_sales',
    cause: 'disclosure',
    description: '代销保险被说成存款，未说明犹豫期',
    request: '全额退保',
    amountFen: 5_000_000,
  },
  {
    businessLine: 'payments',
    cause: 'loss_of_funds',
    description: '手机银行转账显示成功但对方未到账',
    request: '查明资金去向',
    amountFen: 800_000,
  },
  {
    businessLine: 'foreign_exchange',
    cause: 'pricing_and_fees',
    description: '购汇手续费与网点公示不一致',
    request: '退还差额',
    amountFen: 12_000,
  },
  {
    businessLine: 'savings',
    cause: 'personal_information',
    description: '未经同意收到营销短信，怀疑信息被泄露',
    request: '停止营销并说明',
    amountFen: null,
  },
  {
    businessLine: 'wealth_products',
    cause: 'returns',
    description: '理财到期收益低于宣传的业绩比较基准',
    request: '补足收益',
    amountFen: 260_000,
  },
  {
    businessLine: 'credit_card',
    cause: 'contract_terms',
    description: '分期手续费实际年化利率未告知',
    request: '说明并退还多收部分',
    amountFen: 45_000,
  },
  { businessLine: 'savings', cause: 'process', description: '周末排队超过一小时，只有一个窗口', request: '增开窗口', amountFen: null },
];

/** How far each demo case has got, with how often: most closed, a few in every other state, some late. */
const ENDINGS: [ComplaintStatus | 'late', number][] = [
  ['closed', 10],
  ['decided', 2],
  ['withdrawn', 1],
  ['review', 1],
  ['escalated', 1],
  ['investigating', 2],
  ['accepted', 1],
  ['received', 1],
  ['late', 1],
];

/** How many days ago a case still open came in (a closed one: anytime in the year); a late one is past its 15 days. */
const RECENCY = {
  received: [0, 1],
  accepted: [0, 3],
  investigating: [1, 12],
  escalated: [2, 12],
  late: [17, 30],
  // Decided and not yet closed, or under a review's 30 days: of the last few weeks.
  decided: [5, 40],
  review: [14, 25],
} as const;

export interface DemoComplaintsOptions {
  cases: number;
  seed: number;
  actor: string;
  /** Demo clients to name as complainants (most complaints come from clients). */
  clientIds: string[];
}

/**
 * Demo complaints for a demo archive (DOMAIN.md §5): cases over the past year in every state — closed, decided,
 * withdrawn, under review, escalated, still being handled, late — each taken and moved through the real workflow
 * (intake, steps, extensions) at the times it would have been, by a demo complaint officer. Every case names a demo
 * client or is marked demo itself: none leaves the workstation, and all go with the demo data. In the caller's
 * transaction, so a cancelled seeding keeps none.
 */
export async function seedDemoComplaints(trx: Transaction<Database>, store: Store, clock: Clock, options: DemoComplaintsOptions) {
  const settings = await loadSettings(trx);
  const at = new AtClock(clock.now());
  const app = demoCore(store, settings, at);
  const officer = await demoOfficer(trx, clock);
  const rng = new Rng(options.seed * 7919 + 17);
  const endings = ENDINGS.flatMap(([ending, weight]) => Array<ComplaintStatus | 'late'>(weight).fill(ending));
  const now = clock.now();
  const cases: { at: number; story: number; ending: ComplaintStatus | 'late'; client: string | null }[] = [];
  for (let i = 0; i < options.cases; i++) {
    const ending = rng.pick(endings);
    const [fewest, most] = RECENCY[ending as keyof typeof RECENCY] ?? [20, 360];
    const daysAgo = rng.int(fewest, most);
    const client = options.clientIds.length > 0 && rng.chance(0.85) ? rng.pick(options.clientIds) : null;
    cases.push({ at: now - daysAgo * DAY_MS - rng.int(1, 8) * 3_600_000, story: rng.int(0, STORIES.length - 1), ending, client });
  }
  // Taken in the order they came in, so case numbers and the clock run forward.
  cases.sort((a, b) => a.at - b.at);

  for (const c of cases) {
    const story = STORIES[c.story]!;
    at.at = c.at;
    const intake: ComplaintIntake = {
      complainantKind: c.client ? 'client' : 'anonymous',
      clientId: c.client,
      complainantName: c.client ? null : rng.pick(['赵先生', '钱女士', '孙先生', '李女士', '周先生']),
      complainantContact: c.client ? null : `1${rng.int(30, 89)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      authorityRef: null,
      representatives: [],
      channel: rng.pick(COMPLAINT_CHANNELS.filter((ch) => ch !== 'regulator')),
      businessLine: story.businessLine,
      cause: story.cause,
      description: story.description,
      request: story.request,
      amountFen: story.amountFen,
      severity: story.amountFen !== null && story.amountFen > 1_000_000 ? 'high' : rng.pick(['low', 'medium'] as const),
      staffInvolved: [],
      receivedAt: new Date(c.at).toISOString(),
      regulatorRef: null,
      regulatorDue: null,
    };
    const taken = await takeComplaint(trx, app, officer, intake, { demo: true });
    await walk(trx, app, at, now, officer, taken.id, c.ending, rng);
  }
  await appendAudit(trx, clock, {
    staffId: null,
    staffLogin: options.actor,
    method: 'admin.seed.complaints',
    targetIds: [`cases:${options.cases}`],
  });
}

/** Takes a case through the workflow to where it ends, a day or a few at a time, never past now. */
async function walk(
  trx: Transaction<Database>,
  app: AppCore,
  at: AtClock,
  until: number,
  officer: Staff,
  id: string,
  ending: ComplaintStatus | 'late',
  rng: Rng,
) {
  if (ending === 'received') return;
  let status: ComplaintStatus = 'received';
  /** The step `days` later (never past now); `step` is given the moment, for steps that record when the complainant was told. */
  const take = async (days: number, step: ComplaintStep | ((toldAt: string) => ComplaintStep)) => {
    at.at = Math.min(at.at + days * DAY_MS + rng.int(10, 240) * 60_000, until);
    await takeStep(trx, app, officer, id, status, typeof step === 'function' ? step(new Date(at.at).toISOString()) : step);
    const row = await trx.selectFrom('complaints').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    status = row.status as ComplaintStatus;
  };
  await take(rng.int(0, 1), { kind: 'accepted', note: '已受理，告知客户处理时限' });
  await take(0, { kind: 'assigned', officerId: officer.id, note: null });
  if (ending === 'accepted') return;
  if (ending === 'withdrawn') {
    await take(rng.int(1, 4), { kind: 'withdrawn', note: '客户表示问题已自行解决，撤回投诉' });
    return;
  }
  await take(rng.int(0, 2), { kind: 'investigating', note: '调取业务凭证和录音录像' });
  if (ending === 'investigating' || ending === 'late') return;
  if (ending === 'escalated') {
    await take(rng.int(1, 3), { kind: 'escalated', level: 'branch_manager', note: '涉及金额较大，报支行行长' });
    return;
  }
  const complex = rng.chance(0.25);
  if (complex) {
    await take(rng.int(5, 10), (toldAt) => ({
      kind: 'extended',
      extension: 'complex',
      reason: '需向总行产品部门调取材料',
      complainantToldAt: toldAt,
      approval: null,
    }));
  }
  const outcome = rng.pick(['upheld', 'partly_upheld', 'not_upheld'] as const);
  await take(rng.int(3, complex ? 20 : 16), (toldAt) => ({
    kind: 'decided',
    outcome,
    remedy: outcome === 'not_upheld' ? null : '按规定退还相关费用并致歉',
    compensationFen: null,
    reasons: outcome === 'not_upheld' ? '经核实业务办理符合规定，已向客户说明' : '经核实情况属实，已与客户达成处理意见',
    rootCause: '员工对新版流程掌握不到位',
    fix: '组织专项培训，每月抽查录音',
    complainantToldAt: toldAt,
  }));
  if (ending === 'decided') return;
  if (ending === 'review') {
    await take(rng.int(1, 5), { kind: 'review_requested', note: '客户对处理结果不满意，申请核查' });
    return;
  }
  await take(rng.int(1, 4), { kind: 'closed', satisfaction: rng.int(2, 5), surveyId: null, note: null });
}

/** The demo complaint officer: no password anyone could sign in with, like the seeded relationship managers. */
async function demoOfficer(trx: Transaction<Database>, clock: Clock): Promise<Staff> {
  const existing = await trx.selectFrom('staff').select(['id', 'login', 'display_name']).where('login', '=', 'ts01').executeTakeFirst();
  if (existing) return { id: existing.id, login: existing.login, displayName: existing.display_name, roles: ['complaints'] };
  return createStaff(trx, clock, { login: 'ts01', displayName: '温佩珊', roles: ['complaints'], credentials: null, demo: true });
}
