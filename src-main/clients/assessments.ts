import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { AppError, type Staff } from '../../src-shared/contract';
import type { clientsContract } from '../../src-shared/contract/clients';
import { addDays } from '../../src-shared/domain/calendar-date';
import type { Clock } from '../../src-shared/domain/clock';
import type { Database } from '../store/schema';
import { newRowColumns, recordChange } from '../sync/outbox';

export type AssessmentInput = z.output<(typeof clientsContract)['clients.recordAssessment']['input']>;

/** An assessment dated further back than this is a typing mistake, not a renewal. */
const MAX_BACKDATE_DAYS = 31;

/**
 * Records a risk assessment (风险测评, DOMAIN.md §4) as an append-only fact; the client's risk level and the
 * "assessment expired" reminder follow from the latest one when the caller rederives the client. The first
 * assessment of a client is taken face to face at a branch; none is dated in the future or long ago.
 */
export async function recordAssessment(
  trx: Transaction<Database>,
  clock: Clock,
  today: string,
  staff: Staff,
  input: AssessmentInput,
): Promise<{ id: string }> {
  const client = await trx
    .selectFrom('clients')
    .select('id')
    .where('id', '=', input.clientId)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: input.clientId } });
  if (input.assessedOn > today || input.assessedOn < addDays(today, -MAX_BACKDATE_DAYS)) {
    throw new AppError('VALIDATION', 'errors.assessment.date', 'the assessment date must be within the last month', {
      issues: [{ path: 'assessedOn', key: 'errors.assessment.date', message: input.assessedOn }],
    });
  }
  if (!input.faceToFace) {
    const earlier = await trx
      .selectFrom('risk_assessments')
      .select('id')
      .where('client_id', '=', input.clientId)
      .where('face_to_face', '=', 1)
      .where('deleted_hlc', 'is', null)
      .executeTakeFirst();
    if (!earlier) {
      throw new AppError(
        'VALIDATION',
        'errors.assessment.first_face_to_face',
        'the first risk assessment is taken face to face at a branch',
        {
          issues: [{ path: 'faceToFace', key: 'errors.assessment.first_face_to_face', message: 'first assessment' }],
        },
      );
    }
  }
  const base = await newRowColumns(trx, clock);
  await trx
    .insertInto('risk_assessments')
    .values({
      ...base,
      client_id: input.clientId,
      level: input.level,
      assessed_on: input.assessedOn,
      face_to_face: input.faceToFace ? 1 : 0,
      staff_id: staff.id,
    })
    .execute();
  await recordChange(trx, clock, { table: 'risk_assessments', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  return { id: base.id };
}
