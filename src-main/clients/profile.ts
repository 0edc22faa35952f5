import type { Kysely } from 'kysely';
import { AppError, type ClientProfile, type Settings, TIMELINE_PAGE } from '../../src-shared/contract';
import { ageOn } from '../../src-shared/domain/age';
import { pointsBalance, type PointsEntryKind } from '../../src-shared/domain/points';
import { assessmentExpiresOn } from '../../src-shared/domain/suitability';
import type { Database } from '../store/schema';
import { summaryQuery, toSummary } from './summary';
import { loadTimeline } from './timeline';

/**
 * Everything the profile page shows, in one call: masked identity, preferences, money, points, and the newest page
 * of the timeline (older pages through `clients.timeline`).
 */
export async function loadProfile(db: Kysely<Database>, id: string, settings: Settings, today: string): Promise<ClientProfile> {
  const row = await summaryQuery(db)
    .select([
      'clients.name_en',
      'clients.gender',
      'clients.birth_date',
      'clients.id_type',
      'clients.id_expiry',
      'clients.province',
      'clients.address',
      'clients.occupation',
      'clients.industry',
      'clients.employer',
      'clients.income_band',
      'clients.financial_goals',
      'clients.interests',
      'clients.preferred_channel',
      'clients.preferred_hours',
      'clients.do_not_disturb',
      'clients.marketing_consent',
      'clients.strategic_reason',
      'clients.latest_assets_fen',
    ])
    .where('clients.id', '=', id)
    .where('clients.deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id } });

  const [monthly, holdings, deposits, points, referrals, timeline, dates] = await Promise.all([
    db.selectFrom('client_monthly_assets').select(['month', 'avg_daily_fen']).where('client_id', '=', id).orderBy('month').execute(),
    db
      .selectFrom('holdings')
      .selectAll()
      .where('client_id', '=', id)
      .where('deleted_hlc', 'is', null)
      .orderBy('purchase_date', 'desc')
      .execute(),
    db
      .selectFrom('term_deposits')
      .selectAll()
      .where('client_id', '=', id)
      .where('deleted_hlc', 'is', null)
      .orderBy('maturity_date')
      .execute(),
    db.selectFrom('points_ledger').select(['at', 'kind', 'points', 'reason']).where('client_id', '=', id).orderBy('at', 'desc').execute(),
    db
      .selectFrom('referrals')
      .innerJoin('clients as other', (j) =>
        j.on((eb) =>
          eb.or([
            eb.and([eb('referrals.referrer_id', '=', id), eb('other.id', '=', eb.ref('referrals.referee_id'))]),
            eb.and([eb('referrals.referee_id', '=', id), eb('other.id', '=', eb.ref('referrals.referrer_id'))]),
          ]),
        ),
      )
      .select(['referrals.at', 'referrals.referrer_id', 'referrals.points_each', 'other.id as other_id', 'other.name as other_name'])
      .where((eb) => eb.or([eb('referrals.referrer_id', '=', id), eb('referrals.referee_id', '=', id)]))
      .execute(),
    loadTimeline(db, id, null, TIMELINE_PAGE),
    db.selectFrom('important_dates').selectAll().where('client_id', '=', id).where('deleted_hlc', 'is', null).orderBy('date').execute(),
  ]);

  const age = row.birth_date ? ageOn(row.birth_date, today) : null;
  return {
    summary: toSummary(row, settings, today),
    identity: {
      nameEn: row.name_en,
      gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
      birthDate: row.birth_date,
      age,
      elderly: age !== null && age >= settings.elderlyMinAge,
      idType: row.id_type,
      idExpiry: row.id_expiry,
      province: row.province,
      address: row.address,
      occupation: row.occupation,
      industry: row.industry,
      employer: row.employer,
      incomeBand: row.income_band,
    },
    preferences: {
      financialGoals: row.financial_goals,
      interests: JSON.parse(row.interests) as string[],
      preferredChannel: row.preferred_channel,
      preferredHours: row.preferred_hours,
      doNotDisturb: row.do_not_disturb === 1,
      marketingConsent: row.marketing_consent === 1,
    },
    strategicReason: row.strategic_reason,
    riskAssessedOn: row.risk_assessed_on,
    riskExpiresOn: row.risk_assessed_on ? assessmentExpiresOn(row.risk_assessed_on, settings) : null,
    latestAssetsFen: row.latest_assets_fen,
    monthlyAssets: monthly.map((m) => ({ month: m.month, avgDailyFen: m.avg_daily_fen })),
    holdings: holdings.map((h) => ({
      id: h.id,
      productCode: h.product_code,
      productName: h.product_name,
      productRisk: h.product_risk,
      purchaseDate: h.purchase_date,
      amountFen: h.amount_fen,
      price: h.price,
      currentPrice: h.current_price,
      expectedReturn: h.expected_return,
      takeProfit: h.take_profit,
      stopLoss: h.stop_loss,
    })),
    deposits: deposits.map((d) => ({
      id: d.id,
      amountFen: d.amount_fen,
      rate: d.rate,
      startDate: d.start_date,
      maturityDate: d.maturity_date,
    })),
    points: {
      balance: pointsBalance(points.map((p) => ({ kind: p.kind as PointsEntryKind, points: p.points }))),
      entries: points,
    },
    referrals: referrals.map((r) => ({
      at: r.at,
      direction: r.referrer_id === id ? ('referred' as const) : ('referred_by' as const),
      otherId: r.other_id,
      otherName: r.other_name,
      pointsEach: r.points_each,
    })),
    importantDates: dates.map((d) => ({
      id: d.id,
      kind: d.kind as ClientProfile['importantDates'][number]['kind'],
      date: d.date,
      lunar: d.lunar === 1,
      label: d.label,
    })),
    timeline: timeline.entries,
    timelineCursor: timeline.nextCursor,
  };
}
