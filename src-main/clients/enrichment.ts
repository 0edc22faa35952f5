import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../src-shared/contract';
import type { IMPORTANT_DATE_KINDS, profileChangesSchema } from '../../src-shared/contract/clients';
import type { Clock } from '../../src-shared/domain/clock';
import type { ReferralPolicy } from '../../src-shared/domain/points';
import type { ClientsTable, Database } from '../store/schema';
import { nextHlc } from '../sync/device-clock';
import { newRowColumns, recordChange } from '../sync/outbox';

type ProfileChanges = z.output<typeof profileChangesSchema>;
type ChangeKey = keyof ProfileChanges;

/** Contract field → column. A closed list: nothing else of a client can be edited by this path. */
const COLUMNS: Record<ChangeKey, keyof ClientsTable> = {
  financialGoals: 'financial_goals',
  interests: 'interests',
  preferredChannel: 'preferred_channel',
  preferredHours: 'preferred_hours',
  doNotDisturb: 'do_not_disturb',
  marketingConsent: 'marketing_consent',
  occupation: 'occupation',
  employer: 'employer',
  address: 'address',
};

function columnValue(key: ChangeKey, value: ProfileChanges[ChangeKey]): string | number | null {
  if (key === 'interests') return JSON.stringify([...new Set(value as string[])]);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return (value as string | null) ?? null;
}

async function requireClient(trx: Transaction<Database>, id: string): Promise<{ field_hlcs: string; demo: number }> {
  const row = await trx
    .selectFrom('clients')
    .select(['field_hlcs', 'demo'])
    .where('id', '=', id)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id } });
  return row;
}

/**
 * Edits the branch's enrichments of a profile. Each changed field gets this write's HLC in `field_hlcs`, so sync
 * merges field by field (last writer wins by HLC), and the outbox records which fields changed.
 */
export async function updateProfile(trx: Transaction<Database>, clock: Clock, id: string, changes: ProfileChanges): Promise<string[]> {
  const row = await requireClient(trx, id);
  const hlc = await nextHlc(trx, clock);
  const keys = Object.keys(changes) as ChangeKey[];
  const fieldHlcs = JSON.parse(row.field_hlcs) as Record<string, string>;
  const set: Record<string, string | number | null> = { updated_hlc: hlc };
  for (const key of keys) {
    const column = COLUMNS[key];
    set[column] = columnValue(key, changes[key]);
    fieldHlcs[column] = hlc;
  }
  set.field_hlcs = JSON.stringify(fieldHlcs);
  await trx.updateTable('clients').set(set).where('id', '=', id).execute();
  await recordChange(trx, clock, { table: 'clients', rowId: id, hlc, change: { op: 'update', fields: keys.map((k) => COLUMNS[k]) } });
  return keys;
}

export async function pinStrategic(
  trx: Transaction<Database>,
  clock: Clock,
  id: string,
  strategic: boolean,
  reason: string | null,
): Promise<void> {
  const row = await requireClient(trx, id);
  const hlc = await nextHlc(trx, clock);
  const fieldHlcs = { ...(JSON.parse(row.field_hlcs) as Record<string, string>), strategic: hlc, strategic_reason: hlc };
  await trx
    .updateTable('clients')
    .set({
      strategic: strategic ? 1 : 0,
      strategic_reason: strategic ? reason : null,
      updated_hlc: hlc,
      field_hlcs: JSON.stringify(fieldHlcs),
    })
    .where('id', '=', id)
    .execute();
  await recordChange(trx, clock, { table: 'clients', rowId: id, hlc, change: { op: 'update', fields: ['strategic', 'strategic_reason'] } });
}

export async function addImportantDate(
  trx: Transaction<Database>,
  clock: Clock,
  input: { clientId: string; kind: (typeof IMPORTANT_DATE_KINDS)[number]; date: string; lunar: boolean; label: string | null },
): Promise<string> {
  await requireClient(trx, input.clientId);
  const base = await newRowColumns(trx, clock);
  const { id, updated_hlc: hlc } = base;
  await trx
    .insertInto('important_dates')
    .values({
      ...base,
      client_id: input.clientId,
      kind: input.kind,
      date: input.date,
      lunar: input.lunar ? 1 : 0,
      label: input.label,
    })
    .execute();
  await recordChange(trx, clock, { table: 'important_dates', rowId: id, hlc, change: { op: 'insert' } });
  return id;
}

/** A tombstone, not a DELETE: the removal syncs like any other change. */
export async function removeImportantDate(trx: Transaction<Database>, clock: Clock, id: string): Promise<void> {
  const hlc = await nextHlc(trx, clock);
  const res = await trx
    .updateTable('important_dates')
    .set({ deleted_hlc: hlc, updated_hlc: hlc })
    .where('id', '=', id)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'errors.clients.no_such_date', 'no such date');
  await recordChange(trx, clock, { table: 'important_dates', rowId: id, hlc, change: { op: 'delete' } });
}

/** 002 推荐奖励: the referral and both sides' points, in one transaction; points, never cash. */
export async function addReferral(
  trx: Transaction<Database>,
  clock: Clock,
  referrerId: string,
  refereeId: string,
  policy: ReferralPolicy,
): Promise<{ id: string; pointsEach: number }> {
  if (referrerId === refereeId) throw new AppError('VALIDATION', 'errors.referrals.self', 'a client cannot refer themselves');
  const referrer = await requireClient(trx, referrerId);
  const referee = await requireClient(trx, refereeId);
  // Demo data stays on the workstation: a real client's points may not rest on a demo client's referral.
  if (referrer.demo !== referee.demo) {
    throw new AppError('CONFLICT', 'errors.referrals.demo_mix', 'a referral cannot join a demo client and a real one');
  }
  const already = await trx
    .selectFrom('referrals')
    .select('id')
    .where('referee_id', '=', refereeId)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (already) throw new AppError('CONFLICT', 'errors.referrals.already_referred', 'this client was already referred by someone');
  const now = new Date(clock.now()).toISOString();
  const { pointsEach } = policy;
  const base = () => newRowColumns(trx, clock);
  const referral = { ...(await base()), referrer_id: referrerId, referee_id: refereeId, at: now, points_each: pointsEach };
  await trx.insertInto('referrals').values(referral).execute();
  await recordChange(trx, clock, { table: 'referrals', rowId: referral.id, hlc: referral.updated_hlc, change: { op: 'insert' } });
  for (const clientId of [referrerId, refereeId]) {
    const entry = {
      ...(await base()),
      client_id: clientId,
      kind: 'earned',
      points: pointsEach,
      reason: 'referral',
      ref_id: referral.id,
      at: now,
    };
    await trx.insertInto('points_ledger').values(entry).execute();
    await recordChange(trx, clock, { table: 'points_ledger', rowId: entry.id, hlc: entry.updated_hlc, change: { op: 'insert' } });
  }
  return { id: referral.id, pointsEach };
}
