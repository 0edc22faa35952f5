import { ATTACHMENT_CHUNK_BYTES } from '../domain/attachments';

/**
 * What syncs, in which direction, and how it merges (DESIGN.md "Sync-ready rows"). The hub validates pushed changes
 * against this list and the workstation applies pulled ones by it: one table, shared by both ends.
 *
 * - `append`: facts that are only ever inserted (contacts, points, referrals, assessments): never conflict.
 * - `row`: mutable rows merged as a whole, last writer wins by the row's HLC (holdings, deposits, dates).
 * - `fields`: mutable rows merged field by field, last writer wins by each field's HLC (the client profile).
 * - `keyed`: head-office facts without sync columns, replaced by key (monthly average balances: one change carries a
 *   client's series, `months` = `[["2026-10", fen], …]`, and each month in it replaces that month).
 *
 * `push`: a workstation may send it (the branch creates it). `pull`: the hub sends it down. Columns not listed
 * never travel: derived values (tier, search keys, hashes) are recomputed on each device, secrets stay where they are.
 */
export type MergeKind = 'append' | 'row' | 'fields' | 'keyed';

export interface SyncedTable {
  merge: MergeKind;
  push: boolean;
  /** Columns that travel, besides the sync columns (id, branch_id, created_at, updated_hlc, deleted_hlc). */
  columns: readonly string[];
  /** Columns only the hub may send (head office's master data inside a row the branch also edits). */
  hubOnly?: readonly string[];
  /**
   * Head office's columns in a row the branch also edits: a workstation may set them only in the change that brings
   * a new row to the hub (a client the branch imports), never change them afterwards (issue 9).
   */
  masterColumns?: readonly string[];
  /**
   * Columns that name a client (`clients.id`). A change about a client's alias is applied to the client this
   * workstation keeps, and a row naming a demo client is demo data itself: it never enters the outbox.
   */
  clientRefs?: readonly string[];
  /**
   * The row this one belongs to (a complaint's events, an event's guests): a row of a demo parent is demo data, and
   * applying it recomputes what is derived on the parent. A row may also name a client (clientRefs): it is demo
   * when either is.
   */
  parentRef?: { column: string; table: string };
  /** The longest text value a change of this table may carry, when longer than the protocol's default (file chunks). */
  maxValueChars?: number;
}

/** A chunk's base64 length with room to spare (ATTACHMENT_CHUNK_BYTES of content is 262,144 characters). */
const ATTACHMENT_CHUNK_CHARS = 4 * Math.ceil(ATTACHMENT_CHUNK_BYTES / 3) + 64;

export const CLIENT_MASTER_COLUMNS = [
  'client_no',
  'kind',
  'name',
  'name_en',
  'gender',
  'birth_date',
  'id_type',
  'id_number',
  'id_expiry',
  'mobile',
  'province',
  'industry',
  'income_band',
  'manager_id',
  'first_business_date',
  'latest_assets_fen',
  'latest_assets_date',
] as const;

/** The branch's enrichments of a profile (editable at the counter). */
export const CLIENT_BRANCH_COLUMNS = [
  'occupation',
  'employer',
  'address',
  'financial_goals',
  'interests',
  'preferred_channel',
  'preferred_hours',
  'do_not_disturb',
  'marketing_consent',
  'team',
  'strategic',
  'strategic_reason',
  'last_activity_date',
] as const;

export const SYNCED_TABLES = {
  clients: {
    merge: 'fields',
    push: true,
    columns: [...CLIENT_MASTER_COLUMNS, ...CLIENT_BRANCH_COLUMNS],
    masterColumns: CLIENT_MASTER_COLUMNS,
  },
  staff: {
    merge: 'row',
    // Accounts come from head office; one made at a workstation (its first-run administrator) stays local.
    push: false,
    columns: ['login', 'display_name', 'roles', 'disabled'],
    // Head office sets the first password; a password changed at the branch is never sent anywhere.
    hubOnly: ['password_hash', 'password_salt'],
  },
  holdings: {
    merge: 'row',
    push: false,
    clientRefs: ['client_id'],
    columns: [
      'client_id',
      'product_code',
      'product_name',
      'product_risk',
      'purchase_date',
      'amount_fen',
      'price',
      'current_price',
      'expected_return',
      'take_profit',
      'stop_loss',
    ],
  },
  term_deposits: {
    merge: 'row',
    push: false,
    clientRefs: ['client_id'],
    columns: ['client_id', 'amount_fen', 'rate', 'start_date', 'maturity_date'],
  },
  large_transactions: {
    merge: 'row',
    push: false,
    clientRefs: ['client_id'],
    columns: ['client_id', 'at', 'amount_fen', 'direction', 'channel', 'counterparty', 'description'],
  },
  risk_assessments: {
    merge: 'append',
    push: true,
    clientRefs: ['client_id'],
    columns: ['client_id', 'level', 'assessed_on', 'face_to_face', 'staff_id'],
  },
  important_dates: { merge: 'row', push: true, clientRefs: ['client_id'], columns: ['client_id', 'kind', 'date', 'lunar', 'label'] },
  contacts: {
    merge: 'append',
    push: true,
    clientRefs: ['client_id'],
    columns: [
      'client_id',
      'at',
      'channel',
      'staff_id',
      'staff_name',
      'content',
      'result',
      'follow_up_product',
      'follow_up_due',
      'corrects_id',
      'recommendation',
      'flags',
      'event_id',
    ],
  },
  points_ledger: {
    merge: 'append',
    push: true,
    clientRefs: ['client_id'],
    columns: ['client_id', 'kind', 'points', 'reason', 'ref_id', 'at'],
  },
  referrals: {
    merge: 'append',
    push: true,
    clientRefs: ['referrer_id', 'referee_id'],
    columns: ['referrer_id', 'referee_id', 'at', 'points_each'],
  },
  client_monthly_assets: { merge: 'keyed', push: false, clientRefs: ['client_id'], columns: ['client_id', 'months'] },
  reminder_actions: {
    merge: 'append',
    push: true,
    clientRefs: ['client_id'],
    columns: ['client_id', 'reminder_key', 'action', 'until', 'reason', 'contact_id', 'staff_id', 'at'],
  },
  // A complaint as taken: inserted once, never changed (corrections are events). Its status, officer and due day are
  // derived on each device from its events, never sent as competing values.
  complaints: {
    merge: 'append',
    push: true,
    clientRefs: ['client_id'],
    columns: [
      'case_no',
      'client_id',
      'complainant_kind',
      'complainant_name',
      'complainant_contact',
      'authority_ref',
      'representatives',
      'channel',
      'business_line',
      'cause',
      'description',
      'request',
      'amount_fen',
      'severity',
      'staff_involved',
      'received_at',
      'received_on',
      'regulator_ref',
      'regulator_due',
      'taken_by',
    ],
  },
  complaint_events: {
    merge: 'append',
    push: true,
    parentRef: { column: 'complaint_id', table: 'complaints' },
    columns: ['complaint_id', 'kind', 'at', 'day', 'from_status', 'staff_id', 'staff_name', 'data', 'note', 'corrects_id'],
  },
  // A complaint's files: what each is, then its content in chunks (one change each, so a 10 MB scan travels in pages
  // the hub and the workstation can hold, and a sync cut halfway resumes where it stopped).
  complaint_attachments: {
    merge: 'append',
    push: true,
    parentRef: { column: 'complaint_id', table: 'complaints' },
    columns: ['complaint_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'chunks', 'note', 'staff_id', 'staff_name', 'at'],
  },
  complaint_attachment_chunks: {
    merge: 'append',
    push: true,
    parentRef: { column: 'complaint_id', table: 'complaints' },
    columns: ['complaint_id', 'attachment_id', 'n', 'data'],
    maxValueChars: ATTACHMENT_CHUNK_CHARS,
  },
  // An event's plan (DOMAIN.md §6): its coordinators edit it at any workstation, the later whole plan wins. Its state
  // and counts are derived on each device from the steps, the list, the answers and the check-ins below.
  events: {
    merge: 'row',
    push: true,
    columns: [
      'title',
      'type',
      'starts_at',
      'starts_on',
      'ends_at',
      'venue',
      'capacity',
      'segment',
      'cost_per_head_fen',
      'cost_total_fen',
      'actual_cost_fen',
      'host',
      'speakers',
      'description',
      'created_by',
    ],
  },
  event_steps: {
    merge: 'append',
    push: true,
    parentRef: { column: 'event_id', table: 'events' },
    columns: ['event_id', 'step', 'reason', 'staff_id', 'staff_name', 'at'],
  },
  event_guests: {
    merge: 'append',
    push: true,
    parentRef: { column: 'event_id', table: 'events' },
    clientRefs: ['client_id'],
    columns: ['event_id', 'client_id', 'source', 'reason', 'staff_id', 'staff_name', 'at'],
  },
  event_answers: {
    merge: 'append',
    push: true,
    parentRef: { column: 'event_id', table: 'events' },
    columns: ['event_id', 'guest_id', 'kind', 'channel', 'contact_id', 'seat_seen', 'staff_id', 'staff_name', 'at', 'note'],
  },
  event_checkins: {
    merge: 'append',
    push: true,
    parentRef: { column: 'event_id', table: 'events' },
    clientRefs: ['client_id'],
    columns: ['event_id', 'guest_id', 'client_id', 'walk_in', 'staff_id', 'staff_name', 'at'],
  },
  // Survey templates (DOMAIN.md §7): a manager retires one at any workstation; its questions are in its versions.
  survey_templates: { merge: 'row', push: true, columns: ['code', 'occasion', 'retired', 'created_by'] },
  survey_versions: {
    merge: 'append',
    push: true,
    parentRef: { column: 'template_id', table: 'survey_templates' },
    columns: ['template_id', 'title', 'questions', 'note', 'staff_id', 'staff_name', 'at'],
  },
  // An answer sheet, appended and never changed; its scores and follow-up are derived on each device from its version.
  survey_responses: {
    merge: 'append',
    push: true,
    clientRefs: ['client_id'],
    columns: [
      'template_id',
      'version_id',
      'client_id',
      'respondent',
      'event_id',
      'complaint_id',
      'staff_id',
      'staff_name',
      'at',
      'day',
      'answers',
    ],
  },
  // The mainland's holidays and make-up working days (DOMAIN.md §7b): head office's, one row a day.
  work_calendar: { merge: 'row', push: false, columns: ['day', 'kind', 'name'] },
  // Head office's business lines and causes (DOMAIN.md §5: the lists are data it may change).
  complaint_categories: {
    merge: 'row',
    push: false,
    columns: ['kind', 'code', 'label_zh_cn', 'label_zh_tw', 'label_en', 'position', 'retired'],
  },
} as const satisfies Record<string, SyncedTable>;

export type SyncedTableName = keyof typeof SYNCED_TABLES;

export function isSyncedTable(name: string): name is SyncedTableName {
  return Object.prototype.hasOwnProperty.call(SYNCED_TABLES, name);
}

export function syncedTable(name: SyncedTableName): SyncedTable {
  return SYNCED_TABLES[name];
}

export const SYNCED_TABLE_NAMES = Object.keys(SYNCED_TABLES) as SyncedTableName[];

/**
 * Tables whose rows carry the sync columns (id, branch_id, created_at, updated_hlc, deleted_hlc): every synced
 * table but the keyed ones, which are head office's series replaced by key.
 */
export const ROW_TABLES = SYNCED_TABLE_NAMES.filter((name) => syncedTable(name).merge !== 'keyed');

/** Every column, in any synced table, that names a client. */
export const CLIENT_REFERENCE_COLUMNS = [...new Set(SYNCED_TABLE_NAMES.flatMap((name) => syncedTable(name).clientRefs ?? []))];

/** Every column of a table that may appear in a change coming from the hub. */
export function pulledColumns(name: SyncedTableName): readonly string[] {
  const table: SyncedTable = SYNCED_TABLES[name];
  return table.hubOnly ? [...table.columns, ...table.hubOnly] : table.columns;
}

/** The row id of a client's monthly balances in the feed: one series per client, resent months replace earlier ones. */
export function monthlyAssetsRowId(clientId: string): string {
  return `${clientId}:months`;
}

export interface MonthFigure {
  /** `YYYY-MM` */
  month: string;
  /** Average daily balance that month, integer fen. */
  avgDailyFen: number;
}

/** A client's monthly series as it travels: `[["2026-10", 5000000], …]`, compact for twelve months a client. */
export function encodeMonths(months: readonly MonthFigure[]): string {
  return JSON.stringify(months.map((m) => [m.month, m.avgDailyFen]));
}

/** The series back, or null when it is not a list of [YYYY-MM, integer fen] pairs. */
export function decodeMonths(text: string): MonthFigure[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length > 240) return null;
  const months: MonthFigure[] = [];
  for (const pair of parsed) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const [month, fen] = pair as unknown[];
    if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return null;
    if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return null;
    months.push({ month, avgDailyFen: fen });
  }
  return months;
}
