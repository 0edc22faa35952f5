import { describe, expect, it } from 'vitest';
import {
  birthdayOccurrence,
  compareDecimal,
  DEFAULT_REMINDER_POLICY,
  dueReminders,
  isOverdue,
  openReminders,
  type ContactFact,
  type Reminder,
  type ReminderFacts,
} from './reminders';

const P = DEFAULT_REMINDER_POLICY;

/** A client with nothing due on 2026-11-02: contacted by phone yesterday, nothing else on file. */
function facts(change: Partial<ReminderFacts> = {}): ReminderFacts {
  return {
    tier: 'ordinary',
    since: '2020-01-01',
    birthDate: null,
    idExpiry: null,
    riskAssessedOn: null,
    contacts: [contact({ day: '2026-11-01' })],
    deposits: [],
    holdings: [],
    largeTransactions: [],
    ...change,
  };
}

let n = 0;
function contact(change: Partial<ContactFact>): ContactFact {
  n++;
  return { id: `c${n}`, day: '2026-11-01', channel: 'phone', correctsId: null, followUpDue: null, followUpProduct: null, ...change };
}

const kinds = (rs: Reminder[]) => rs.map((r) => r.kind);
const only = (rs: Reminder[], kind: string) => rs.filter((r) => r.kind === kind);

describe('the contact cadence of each tier (002 沟通频率)', () => {
  it.each<{ story: string; f: Partial<ReminderFacts>; today: string; due: string | null }>([
    {
      story: 'ordinary, any contact 30 days ago: due today',
      f: { contacts: [contact({ day: '2026-10-03', channel: 'sms' })] },
      today: '2026-11-02',
      due: '2026-11-02',
    },
    {
      story: 'ordinary, 29 days ago: not yet',
      f: { contacts: [contact({ day: '2026-10-04', channel: 'sms' })] },
      today: '2026-11-02',
      due: null,
    },
    {
      story: 'ordinary, never contacted: one period after the relationship began',
      f: { since: '2026-09-01', contacts: [] },
      today: '2026-11-02',
      due: '2026-10-01',
    },
    {
      story: 'VIP: an SMS is no deep contact',
      f: {
        tier: 'vip',
        since: '2026-01-01',
        contacts: [contact({ day: '2026-10-30', channel: 'sms' }), contact({ day: '2026-09-15', channel: 'visit' })],
      },
      today: '2026-11-02',
      due: '2026-10-15',
    },
    {
      story: 'VIP: a visit 10 days ago',
      f: { tier: 'vip', contacts: [contact({ day: '2026-10-23', channel: 'visit' })] },
      today: '2026-11-02',
      due: null,
    },
    {
      story: 'potential: WeChat is not a needs survey',
      f: { tier: 'potential', since: '2026-09-01', contacts: [contact({ day: '2026-10-31', channel: 'wechat' })] },
      today: '2026-11-02',
      due: '2026-10-01',
    },
    {
      story: 'a correction is not a new contact',
      f: { since: '2026-09-01', contacts: [contact({ day: '2026-10-31', correctsId: 'cX' })] },
      today: '2026-11-02',
      due: '2026-10-01',
    },
    {
      story: 'across a month end: 31 Jan + 30 days',
      f: { contacts: [contact({ day: '2027-01-31' })] },
      today: '2027-03-02',
      due: '2027-03-02',
    },
    {
      story: 'across a leap day: 31 Jan 2028 + 30 days',
      f: { contacts: [contact({ day: '2028-01-31' })] },
      today: '2028-03-01',
      due: '2028-03-01',
    },
  ])('$story', ({ f, today, due }) => {
    const cadence = dueReminders(facts(f), today, P).filter(
      (r) => r.kind.endsWith('contact') || r.kind.endsWith('survey') || r.kind.endsWith('service'),
    );
    expect(cadence.map((r) => r.dueDate)).toEqual(due ? [due] : []);
    if (due) expect(cadence[0]?.key).toBe(`${cadence[0]?.kind}:${due}`);
  });
});

describe('follow-up opportunities', () => {
  it('are due on their day, overdue after it, each keyed by its contact and day', () => {
    const c = contact({ followUpDue: '2026-11-02', followUpProduct: '大额存单' });
    expect(only(dueReminders(facts({ contacts: [c] }), '2026-11-01', P), 'follow_up')).toEqual([]);
    const [r] = only(dueReminders(facts({ contacts: [c] }), '2026-11-02', P), 'follow_up');
    expect(r).toEqual({ kind: 'follow_up', key: `follow_up:${c.id}:2026-11-02`, dueDate: '2026-11-02', refId: c.id, detail: '大额存单' });
    expect(isOverdue(r!, '2026-11-02')).toBe(false);
    expect(isOverdue(r!, '2026-11-03')).toBe(true);
  });

  it('a corrected entry’s follow-up gives way to the correction’s own', () => {
    const wrong = contact({ followUpDue: '2026-10-01', followUpProduct: '基金' });
    const fixed = contact({ correctsId: wrong.id, followUpDue: '2026-10-20', followUpProduct: '保险' });
    const due = only(dueReminders(facts({ contacts: [contact({}), wrong, fixed] }), '2026-11-02', P), 'follow_up');
    expect(due.map((r) => r.detail)).toEqual(['保险']);
  });
});

describe('a term deposit maturing within N days (003)', () => {
  const dep = (maturityDate: string) => facts({ deposits: [{ id: 'd1', maturityDate }] });
  it.each<{ maturity: string; today: string; shown: boolean; overdue?: boolean }>([
    { maturity: '2026-11-16', today: '2026-11-02', shown: true, overdue: false }, // exactly 14 days ahead
    { maturity: '2026-11-17', today: '2026-11-02', shown: false }, // 15 days ahead
    { maturity: '2026-11-02', today: '2026-11-02', shown: true, overdue: false }, // maturing today
    { maturity: '2026-11-01', today: '2026-11-02', shown: true, overdue: true }, // matured yesterday, not called
    { maturity: '2026-10-03', today: '2026-11-02', shown: true, overdue: true }, // 30 days on: last day of grace
    { maturity: '2026-10-02', today: '2026-11-02', shown: false }, // lapsed
  ])('maturing $maturity, seen on $today → shown $shown', ({ maturity, today, shown, overdue }) => {
    const due = only(dueReminders(dep(maturity), today, P), 'deposit_maturity');
    expect(due.length).toBe(shown ? 1 : 0);
    if (shown) {
      expect(due[0]).toMatchObject({ key: `deposit_maturity:d1:${maturity}`, dueDate: maturity, refId: 'd1' });
      expect(isOverdue(due[0]!, today)).toBe(overdue);
    }
  });
});

describe('a risk assessment older than its validity (002)', () => {
  it.each<{ on: string; today: string; due: string | null }>([
    { on: '2025-11-02', today: '2026-11-01', due: null },
    { on: '2025-11-02', today: '2026-11-02', due: '2026-11-02' },
    { on: '2024-02-29', today: '2025-02-28', due: '2025-02-28' }, // a leap-day assessment expires on 28 Feb
    { on: '2025-08-31', today: '2026-08-31', due: '2026-08-31' },
  ])('assessed $on, on $today → $due', ({ on, today, due }) => {
    const r = only(dueReminders(facts({ riskAssessedOn: on }), today, P), 'risk_assessment_expired');
    expect(r.map((x) => x.dueDate)).toEqual(due ? [due] : []);
  });

  it('a client never assessed has no expiry to remind of', () => {
    expect(only(dueReminders(facts({ riskAssessedOn: null }), '2026-11-02', P), 'risk_assessment_expired')).toEqual([]);
  });
});

describe('birthdays (solar)', () => {
  it.each<{ born: string; today: string; occurrence: string | null }>([
    { born: '1980-11-09', today: '2026-11-02', occurrence: '2026-11-09' }, // exactly 7 days ahead
    { born: '1980-11-10', today: '2026-11-02', occurrence: null }, // 8 days ahead
    { born: '1980-10-03', today: '2026-11-02', occurrence: '2026-10-03' }, // 30 days ago: last day of grace
    { born: '1980-10-02', today: '2026-11-02', occurrence: null }, // lapsed
    { born: '1980-01-03', today: '2026-12-28', occurrence: '2027-01-03' }, // next year's, across the year end
    { born: '1980-12-28', today: '2027-01-05', occurrence: '2026-12-28' }, // last year's, still in grace
    { born: '1988-02-29', today: '2027-02-25', occurrence: '2027-02-28' }, // leap-day birthday in a common year
    { born: '1988-02-29', today: '2028-02-25', occurrence: '2028-02-29' }, // and in a leap year
    { born: '2026-10-30', today: '2026-11-02', occurrence: null }, // born this week: no birthday yet
  ])('born $born, on $today → $occurrence', ({ born, today, occurrence }) => {
    expect(birthdayOccurrence(born, today, P)).toBe(occurrence);
    const r = only(dueReminders(facts({ birthDate: born }), today, P), 'birthday');
    expect(r.map((x) => x.key)).toEqual(occurrence ? [`birthday:${occurrence}`] : []);
  });
});

describe('an ID document expiring', () => {
  it.each<{ expiry: string; today: string; shown: boolean }>([
    { expiry: '2026-12-02', today: '2026-11-02', shown: true }, // exactly 30 days ahead
    { expiry: '2026-12-03', today: '2026-11-02', shown: false },
    { expiry: '2024-01-01', today: '2026-11-02', shown: true }, // long expired: stays until a renewed ID arrives
  ])('expiring $expiry, on $today → $shown', ({ expiry, today, shown }) => {
    expect(only(dueReminders(facts({ idExpiry: expiry }), today, P), 'id_expiry').length).toBe(shown ? 1 : 0);
  });
});

describe('a large outflow (002: ≥ ¥500,000 out → contact within 24 hours)', () => {
  const tx = (amountFen: number, direction = 'out', day = '2026-11-02') =>
    facts({ largeTransactions: [{ id: 't1', day, amountFen, direction }] });
  it.each<{ story: string; f: ReminderFacts; shown: boolean }>([
    { story: 'exactly ¥500,000 out', f: tx(50_000_000), shown: true },
    { story: 'one fen under', f: tx(49_999_999), shown: false },
    { story: '¥2,000,000 in', f: tx(200_000_000, 'in'), shown: false },
  ])('$story → $shown', ({ f, shown }) => {
    const r = only(dueReminders(f, '2026-11-02', P), 'large_outflow');
    expect(r.length).toBe(shown ? 1 : 0);
    if (shown) expect(r[0]).toMatchObject({ key: 'large_outflow:t1:2026-11-03', dueDate: '2026-11-03', refId: 't1' });
  });

  it('is overdue the second day, and lapses after the grace', () => {
    const r = only(dueReminders(tx(60_000_000, 'out', '2026-10-31'), '2026-11-02', P), 'large_outflow');
    expect(isOverdue(r[0]!, '2026-11-02')).toBe(true);
    expect(only(dueReminders(tx(60_000_000, 'out', '2026-09-01'), '2026-11-02', P), 'large_outflow')).toEqual([]);
  });
});

describe('a holding beyond its take-profit or stop-loss bound (003)', () => {
  const holding = (currentPrice: string | null, takeProfit: string | null, stopLoss: string | null) =>
    facts({ holdings: [{ id: 'h1', productName: '稳健理财A', currentPrice, takeProfit, stopLoss, priceDay: '2026-11-01' }] });
  it.each<{ price: string | null; tp: string | null; sl: string | null; expect: string[] }>([
    { price: '1.2000', tp: '1.2', sl: null, expect: ['take_profit'] }, // exactly at the bound, written differently
    { price: '1.1999', tp: '1.2000', sl: null, expect: [] },
    { price: '0.9000', tp: null, sl: '0.90', expect: ['stop_loss'] },
    { price: '0.9001', tp: null, sl: '0.9', expect: [] },
    { price: '10.5', tp: '9.99', sl: null, expect: ['take_profit'] }, // more integer digits: compared as numbers, not text
    { price: null, tp: '1.2', sl: '0.9', expect: [] },
    { price: 'n/a', tp: '1.2', sl: '0.9', expect: [] }, // malformed: no notice rather than a wrong one
  ])('price $price, bounds $tp / $sl → $expect', ({ price, tp, sl, expect: want }) => {
    const r = dueReminders(holding(price, tp, sl), '2026-11-02', P).filter((x) => x.kind === 'take_profit' || x.kind === 'stop_loss');
    expect(kinds(r)).toEqual(want);
    if (want[0] === 'take_profit') expect(r[0]).toMatchObject({ key: `take_profit:h1:${tp}`, dueDate: '2026-11-01', detail: '稳健理财A' });
  });

  it('compares decimals exactly', () => {
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('1.00000000000000001', '1')).toBe(1);
    expect(compareDecimal('-1.5', '-1.25')).toBe(-1);
    expect(compareDecimal('-0', '0.000')).toBe(0);
    expect(compareDecimal('007.5', '7.50')).toBe(0);
    expect(compareDecimal('1e3', '1')).toBeNull();
  });
});

describe('what staff did with a reminder', () => {
  const due: Reminder[] = [
    { kind: 'follow_up', key: 'follow_up:c1:2026-10-30', dueDate: '2026-10-30', refId: 'c1', detail: null },
    { kind: 'birthday', key: 'birthday:2026-11-05', dueDate: '2026-11-05', refId: null, detail: null },
    { kind: 'id_expiry', key: 'id_expiry:2026-11-20', dueDate: '2026-11-20', refId: null, detail: null },
  ];
  it('done and dismissed are final; a snooze hides it through its day, then it is back', () => {
    const actions = [
      { key: 'follow_up:c1:2026-10-30', action: 'done' as const, until: null },
      { key: 'birthday:2026-11-05', action: 'dismissed' as const, until: null },
      { key: 'id_expiry:2026-11-20', action: 'snoozed' as const, until: '2026-11-03' },
    ];
    expect(openReminders(due, actions, '2026-11-03').map((r) => r.kind)).toEqual([]);
    expect(openReminders(due, actions, '2026-11-04').map((r) => r.kind)).toEqual(['id_expiry']);
  });

  it('the latest snooze counts, and another key’s action changes nothing', () => {
    const actions = [
      { key: 'id_expiry:2026-11-20', action: 'snoozed' as const, until: '2026-11-10' },
      { key: 'id_expiry:2026-11-20', action: 'snoozed' as const, until: '2026-11-04' },
      { key: 'id_expiry:2025-11-20', action: 'done' as const, until: null },
    ];
    expect(openReminders(due, actions, '2026-11-09').map((r) => r.kind)).toEqual(['follow_up', 'birthday']);
  });
});

describe('everything at once', () => {
  it('comes sorted by due date, then key', () => {
    const all = dueReminders(
      facts({
        tier: 'vip',
        since: '2026-01-01',
        contacts: [contact({ day: '2026-09-01', channel: 'visit', followUpDue: '2026-10-15', followUpProduct: '基金' })],
        birthDate: '1970-11-04',
        deposits: [{ id: 'd1', maturityDate: '2026-11-10' }],
        riskAssessedOn: '2025-10-01',
      }),
      '2026-11-02',
      P,
    );
    expect(all.map((r) => r.dueDate)).toEqual([...all.map((r) => r.dueDate)].sort());
    expect(kinds(all)).toEqual(['risk_assessment_expired', 'vip_deep_contact', 'follow_up', 'birthday', 'deposit_maturity']);
  });
});

describe('the dated occasions and signals of issue 13', () => {
  const vip = (change: Partial<ReminderFacts> = {}) =>
    facts({ tier: 'vip', contacts: [contact({ day: '2026-11-01', channel: 'visit' })], ...change });
  const date = (kind: string, d: string, lunar = false, label: string | null = null) => ({ id: `d-${kind}`, kind, date: d, lunar, label });

  it('a lunar birthday on the profile replaces the solar one, on its solar day of the year', () => {
    // Born 1968-09-19 (solar), which was lunar 1968-07-27; lunar 2026-07-27 is 8 September 2026.
    const client = facts({ birthDate: '1968-09-19', importantDates: [date('lunar_birthday', '1968-07-27', true)] });
    expect(only(dueReminders(client, '2026-09-05', P), 'birthday')).toEqual([
      expect.objectContaining({ key: 'birthday:2026-09-08', dueDate: '2026-09-08', detail: 'lunar', refId: 'd-lunar_birthday' }),
    ]);
    // The solar birthday (19 September) is not greeted as well.
    expect(only(dueReminders(client, '2026-09-15', P), 'birthday').map((r) => r.dueDate)).toEqual(['2026-09-08']);
  });

  it('important dates come round each year, solar or lunar, labelled', () => {
    const client = facts({
      importantDates: [date('wedding_anniversary', '1995-11-06'), date('other', '2001-10-01', true, '母亲寿辰')],
    });
    // Lunar 2026-10-01 is 9 November 2026.
    expect(only(dueReminders(client, '2026-11-02', P), 'important_date').map((r) => [r.key, r.detail])).toEqual([
      ['important_date:d-wedding_anniversary:2026-11-06', 'wedding_anniversary'],
      ['important_date:d-other:2026-11-09', '母亲寿辰'],
    ]);
  });

  it('festival greetings go to VIP clients, on the festivals chosen', () => {
    const policy = { ...P, festivals: ['mid_autumn', 'national_day'] };
    expect(only(dueReminders(vip(), '2026-09-20', policy), 'festival').map((r) => [r.key, r.detail])).toEqual([
      ['festival:mid_autumn:2026-09-25', 'mid_autumn'],
    ]);
    expect(only(dueReminders(vip(), '2026-09-27', policy), 'festival').map((r) => r.key)).toEqual([
      'festival:mid_autumn:2026-09-25',
      'festival:national_day:2026-10-01',
    ]);
    expect(only(dueReminders(facts(), '2026-09-27', policy), 'festival')).toEqual([]);
    expect(only(dueReminders(vip(), '2026-09-27', { ...policy, festivals: [] }), 'festival')).toEqual([]);
  });

  it('the third high-risk purchase in a row, a month of assets falling away, a churned client', () => {
    const client = facts({
      purchases: [
        { id: 'h1', risk: 'R4', day: '2026-08-01', productName: '私募A' },
        { id: 'h2', risk: 'R5', day: '2026-09-01', productName: '私募B' },
        { id: 'h3', risk: 'R4', day: '2026-10-20', productName: '私募C' },
      ],
      months: [
        { month: '2026-09', avgDailyFen: 80_000_000 },
        { month: '2026-10', avgDailyFen: 40_000_000 },
      ],
      churnedSince: '2026-10-15',
    });
    const due = dueReminders(client, '2026-11-02', P);
    expect(only(due, 'high_risk_streak')).toEqual([
      expect.objectContaining({ key: 'high_risk_streak:h3:2026-10-20', refId: 'h3', detail: '私募C' }),
    ]);
    expect(only(due, 'asset_drop')).toEqual([
      expect.objectContaining({ key: 'asset_drop:2026-10', dueDate: '2026-11-01', detail: '-50%' }),
    ]);
    expect(only(due, 'win_back')).toEqual([expect.objectContaining({ key: 'win_back:2026-10-15', dueDate: '2026-10-15' })]);
    // The fall lapses with the other dated occasions; the streak and the win-back stand until done.
    const later = dueReminders(client, '2026-12-02', P);
    expect(kinds(later)).not.toContain('asset_drop');
    expect(kinds(later)).toEqual(expect.arrayContaining(['high_risk_streak', 'win_back']));
  });
});
