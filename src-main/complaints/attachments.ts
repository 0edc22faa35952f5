import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError, type Staff } from '../../src-shared/contract';
import type { ComplaintAttachment } from '../../src-shared/contract/complaints';
import {
  ATTACHMENT_CHUNK_BYTES,
  attachmentFileName,
  type AttachmentType,
  MAX_ATTACHMENTS_PER_CASE,
  sniffAttachmentType,
} from '../../src-shared/domain/attachments';
import { handlesComplaints } from '../../src-shared/domain/complaints';
import type { AppCore } from '../app';
import type { Database } from '../store/schema';
import { newRowColumns, recordChange } from '../sync/outbox';

type Trx = Transaction<Database>;

export interface AttachInput {
  id: string;
  fileName: string;
  contentBase64: string;
  note: string | null;
}

function refused(key: string, message: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION', key, message, { params, issues: [{ path: 'file', key, message }] });
}

/**
 * Attaches a file to a case (DOMAIN.md §5): complaint officers and managers may, and so may whoever took the case
 * while it still waits to be accepted (the letter handed over at the counter). What the file is comes from its first
 * bytes; its size is checked against the setting. The content is cut into chunks that each sync as one change, and
 * everything is written in the caller's transaction with its change records: a refused file leaves nothing behind.
 */
export async function attachFile(trx: Trx, app: AppCore, staff: Staff, input: AttachInput): Promise<ComplaintAttachment> {
  const kase = await trx.selectFrom('complaints').select(['status', 'taken_by']).where('id', '=', input.id).executeTakeFirst();
  const handler = handlesComplaints(staff.roles);
  if (!kase || (!handler && kase.taken_by !== staff.id)) {
    throw new AppError('NOT_FOUND', 'errors.complaints.not_found', 'no such case', { params: { id: input.id } });
  }
  if (!handler && kase.status !== 'received') {
    throw new AppError('FORBIDDEN', 'errors.complaints.attach_after_acceptance', 'the case is accepted: its officer adds files now');
  }
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const maxBytes = app.settings.attachmentMaxMb * 1024 * 1024;
  if (bytes.length === 0) throw refused('errors.complaints.attachment_empty', 'the file is empty');
  if (bytes.length > maxBytes) {
    throw refused('errors.complaints.attachment_too_large', 'the file is larger than the limit', { mb: app.settings.attachmentMaxMb });
  }
  const type = sniffAttachmentType(bytes);
  if (!type) throw refused('errors.complaints.attachment_type', 'not a PDF, JPEG, PNG, TIFF, WebP or HEIC file');
  const { count } = await trx
    .selectFrom('complaint_attachments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('complaint_id', '=', input.id)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_ATTACHMENTS_PER_CASE) {
    throw refused('errors.complaints.attachment_count', 'the case has as many files as it may', { max: MAX_ATTACHMENTS_PER_CASE });
  }

  const at = new Date(app.clock.now()).toISOString();
  const chunks = Math.ceil(bytes.length / ATTACHMENT_CHUNK_BYTES);
  const file = {
    ...(await newRowColumns(trx, app.clock)),
    complaint_id: input.id,
    file_name: attachmentFileName(input.fileName, type),
    content_type: type,
    size_bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    chunks,
    note: input.note,
    staff_id: staff.id,
    staff_name: staff.displayName,
    at,
  };
  await trx.insertInto('complaint_attachments').values(file).execute();
  await recordChange(trx, app.clock, { table: 'complaint_attachments', rowId: file.id, hlc: file.updated_hlc, change: { op: 'insert' } });
  for (let n = 0; n < chunks; n++) {
    const base = await newRowColumns(trx, app.clock);
    const chunk = {
      ...base,
      id: `${file.id}:${n}`,
      complaint_id: input.id,
      attachment_id: file.id,
      n,
      data: bytes.subarray(n * ATTACHMENT_CHUNK_BYTES, (n + 1) * ATTACHMENT_CHUNK_BYTES).toString('base64'),
    };
    await trx.insertInto('complaint_attachment_chunks').values(chunk).execute();
    await recordChange(trx, app.clock, {
      table: 'complaint_attachment_chunks',
      rowId: chunk.id,
      hlc: chunk.updated_hlc,
      change: { op: 'insert' },
    });
  }
  return {
    id: file.id,
    fileName: file.file_name,
    contentType: type,
    sizeBytes: file.size_bytes,
    at,
    staffName: staff.displayName,
    note: input.note,
    complete: true,
  };
}

/** A case's files, oldest first, each saying whether all its chunks have arrived. */
export async function caseAttachments(db: Kysely<Database>, complaintId: string): Promise<ComplaintAttachment[]> {
  const rows = await db
    .selectFrom('complaint_attachments as a')
    .select((eb) => [
      'a.id',
      'a.file_name',
      'a.content_type',
      'a.size_bytes',
      'a.at',
      'a.staff_name',
      'a.note',
      'a.chunks',
      eb
        .selectFrom('complaint_attachment_chunks as k')
        .select((k) => k.fn.countAll<number>().as('n'))
        .whereRef('k.attachment_id', '=', 'a.id')
        .as('arrived'),
    ])
    .where('a.complaint_id', '=', complaintId)
    .orderBy('a.at')
    .orderBy('a.updated_hlc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type as AttachmentType,
    sizeBytes: r.size_bytes,
    at: r.at,
    staffName: r.staff_name,
    note: r.note,
    complete: Number(r.arrived) === r.chunks,
  }));
}

/**
 * One file's content, put together from its chunks and checked against the digest taken when it was attached: a file
 * still arriving by sync, or one whose content does not match, is refused rather than shown half or wrong.
 */
export async function readAttachment(db: Kysely<Database>, id: string) {
  const file = await db
    .selectFrom('complaint_attachments')
    .select(['file_name', 'content_type', 'chunks', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND', 'errors.complaints.attachment_not_found', 'no such file', { params: { id } });
  const chunks = await db
    .selectFrom('complaint_attachment_chunks')
    .select(['n', 'data'])
    .where('attachment_id', '=', id)
    .orderBy('n')
    .execute();
  if (chunks.length !== file.chunks) {
    throw new AppError('CONFLICT', 'errors.complaints.attachment_arriving', 'the file is still arriving by sync', {
      params: { arrived: chunks.length, total: file.chunks },
    });
  }
  const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.data, 'base64')));
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
    throw new AppError('CONFLICT', 'errors.complaints.attachment_damaged', 'the file does not match its digest');
  }
  return { fileName: file.file_name, contentType: file.content_type as AttachmentType, contentBase64: bytes.toString('base64') };
}
