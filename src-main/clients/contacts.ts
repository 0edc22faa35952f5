import type { Transaction } from 'kysely';
import { AppError, type Settings, type Staff } from '../../src-shared/contract';
import type { logContactInput } from '../../src-shared/contract/clients';
import type { Clock } from '../../src-shared/domain/clock';
import { checkRecommendation, findGuaranteePromise, type ClientRiskLevel } from '../../src-shared/domain/suitability';
import type { Database } from '../store/schema';
import { newRowColumns, recordChange } from '../sync/outbox';
import type { z } from 'zod';

export type LogContactInput = z.output<typeof logContactInput>;

/**
 * Logs one contact with a client (003: 业务来往时间、内容、结果). Append-only: a correction is a new entry that
 * points at the one it corrects. Refuses a note promising guaranteed principal or return (禁止承诺保本保息) and a
 * recommendation that breaks the suitability rules (DOMAIN.md §4); a sale without its dual-recording reference
 * is recorded with a flag for review.
 */
export async function logContact(
  trx: Transaction<Database>,
  clock: Clock,
  settings: Settings,
  today: string,
  staff: Staff,
  input: LogContactInput,
) {
  const client = await trx
    .selectFrom('clients')
    .select(['id', 'birth_date', 'risk_level', 'risk_assessed_on'])
    .where('id', '=', input.clientId)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: input.clientId } });

  for (const [path, text] of [
    ['content', input.content],
    ['result', input.result ?? ''],
  ] as const) {
    const phrase = findGuaranteePromise(text);
    if (phrase) {
      throw new AppError('VALIDATION', 'errors.contacts.guarantee_promise', `the note promises a guaranteed return (“${phrase}”)`, {
        params: { phrase },
        issues: [{ path, key: 'errors.contacts.guarantee_promise', message: phrase }],
      });
    }
  }

  if (input.correctsId) {
    const corrected = await trx.selectFrom('contacts').select('client_id').where('id', '=', input.correctsId).executeTakeFirst();
    if (!corrected || corrected.client_id !== input.clientId) {
      throw new AppError('VALIDATION', 'errors.contacts.bad_correction', 'the entry to correct is not this client’s', {
        issues: [{ path: 'correctsId', key: 'errors.contacts.bad_correction', message: 'not this client’s entry' }],
      });
    }
  }

  const forEvent = input.eventId;
  if (forEvent !== null) {
    // Only an event the client is on the list of, or came to, can count this contact.
    const linked = await trx
      .selectFrom('event_guests')
      .select('id')
      .where('event_id', '=', forEvent)
      .where('client_id', '=', input.clientId)
      .unionAll(trx.selectFrom('event_checkins').select('id').where('event_id', '=', forEvent).where('client_id', '=', input.clientId))
      .executeTakeFirst();
    if (!linked) {
      throw new AppError('VALIDATION', 'errors.contacts.not_at_event', 'the client was not invited to that event and did not come', {
        issues: [{ path: 'eventId', key: 'errors.contacts.not_at_event', message: 'not at the event' }],
      });
    }
  }

  let flags: string[] = [];
  if (input.recommendation) {
    const r = input.recommendation;
    const check = checkRecommendation({
      clientRiskLevel: client.risk_level as ClientRiskLevel | null,
      assessedOn: client.risk_assessed_on,
      productRisk: r.productRisk,
      birthDate: client.birth_date,
      today,
      clientConfirmedAboveLevel: r.clientConfirmedAboveLevel,
      elderlyWarningConfirmed: r.elderlyWarningConfirmed,
      isSale: r.isSale,
      dualRecordingRef: r.dualRecordingRef,
      // The settings in force are the suitability policy (validity, above-level confirmation, elderly age).
      policy: settings,
    });
    const [first] = check.refusals;
    if (first) {
      throw new AppError('VALIDATION', `errors.suitability.${first}`, `the recommendation is refused: ${check.refusals.join(', ')}`, {
        issues: check.refusals.map((reason) => ({ path: 'recommendation', key: `suitability.${reason}`, message: reason })),
      });
    }
    flags = check.flags;
  }

  const base = await newRowColumns(trx, clock);
  const hlc = base.updated_hlc;
  const row = {
    ...base,
    client_id: input.clientId,
    at: base.created_at,
    channel: input.channel,
    staff_id: staff.id,
    staff_name: staff.displayName,
    content: input.content,
    result: input.result,
    follow_up_product: input.followUp?.product ?? null,
    follow_up_due: input.followUp?.due ?? null,
    corrects_id: input.correctsId,
    recommendation: input.recommendation ? JSON.stringify(input.recommendation) : null,
    flags: JSON.stringify(flags),
    event_id: forEvent,
  };
  await trx.insertInto('contacts').values(row).execute();
  await recordChange(trx, clock, { table: 'contacts', rowId: row.id, hlc, change: { op: 'insert' } });
  // A contact is activity, which can move the lifecycle stage and the reminders: the caller rederives the client.
  return {
    id: row.id,
    at: row.at,
    channel: input.channel,
    staffName: row.staff_name,
    content: row.content,
    result: row.result,
    followUpProduct: row.follow_up_product,
    followUpDue: row.follow_up_due,
    correctsId: row.corrects_id,
    flags,
  };
}
