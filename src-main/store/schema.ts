import type { Generated } from 'kysely';

/** Every table Kysely may touch. Columns are snake_case as stored; services map them to the contract's shapes. */
export interface Database {
  staff: StaffTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  device_state: DeviceStateTable;
  outbox: OutboxTable;
  clients: ClientsTable;
  client_monthly_assets: ClientMonthlyAssetsTable;
  holdings: HoldingsTable;
  term_deposits: TermDepositsTable;
  risk_assessments: RiskAssessmentsTable;
  important_dates: ImportantDatesTable;
  contacts: ContactsTable;
  points_ledger: PointsLedgerTable;
  referrals: ReferralsTable;
  large_transactions: LargeTransactionsTable;
  sync_parked: SyncParkedTable;
  client_aliases: ClientAliasesTable;
  reminder_actions: ReminderActionsTable;
  client_due: ClientDueTable;
  due_reminders: DueRemindersTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_categories: ComplaintCategoriesTable;
  complaint_attachments: ComplaintAttachmentsTable;
  complaint_attachment_chunks: ComplaintAttachmentChunksTable;
  events: EventsTable;
  event_steps: EventStepsTable;
  event_guests: EventGuestsTable;
  event_answers: EventAnswersTable;
  event_checkins: EventCheckinsTable;
  survey_templates: SurveyTemplatesTable;
  survey_versions: SurveyVersionsTable;
  survey_responses: SurveyResponsesTable;
  work_calendar: WorkCalendarTable;
  tier_months: TierMonthsTable;
  due_tally: DueTallyTable;
  cover_tally: CoverTallyTable;
  tier_moves: TierMovesTable;
}

/** Sync-ready columns (DESIGN.md): UUIDv7 id, branch, creation time, HLC of the last change, tombstone. */
interface SyncColumns {
  id: string;
  branch_id: string;
  created_at: string;
  updated_hlc: string;
  deleted_hlc: string | null;
}

export interface StaffTable extends SyncColumns {
  login: string;
  display_name: string;
  /** JSON array of roles. */
  roles: string;
  /** scrypt hash and its per-user salt (hex); never leave the workstation. */
  password_hash: string;
  password_salt: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  /** A demo account (the seeder's relationship managers): local, removed with the demo data. */
  demo: Generated<number>;
  /** Set for a first password from head office: its owner replaces it at first sign-in. */
  must_change_password: Generated<number>;
}

export interface SettingsTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_hlc: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  staff_id: string | null;
  staff_login: string | null;
  method: string;
  /** JSON array of the ids the call touched; never secret values. */
  target_ids: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface DeviceStateTable {
  key: string;
  value: string;
}

export interface OutboxTable {
  seq: Generated<number>;
  table_name: string;
  row_id: string;
  hlc: string;
  /** JSON of the changed fields (secrets excluded). */
  payload: string;
  created_at: string;
}

export interface ClientsTable extends SyncColumns {
  client_no: string;
  kind: string;
  name: string;
  name_en: string | null;
  gender: string | null;
  birth_date: string | null;
  id_type: string;
  /** In clear inside the encrypted store; masked on every screen and export, revealed only with a reason. */
  id_number: string;
  id_hash: string;
  id_tail: string;
  id_expiry: string | null;
  mobile: string | null;
  mobile_tail: string | null;
  province: string | null;
  address: string | null;
  occupation: string | null;
  industry: string | null;
  employer: string | null;
  income_band: string | null;
  financial_goals: string | null;
  /** JSON array of interest tags. */
  interests: string;
  preferred_channel: string | null;
  preferred_hours: string | null;
  do_not_disturb: number;
  marketing_consent: number;
  manager_id: string | null;
  /** JSON array of { role, staffId, name } — the "1+N" team. */
  team: string;
  strategic: number;
  strategic_reason: string | null;
  first_business_date: string | null;
  last_activity_date: string | null;
  latest_assets_fen: number;
  latest_assets_date: string | null;
  tier: string;
  tier_rank: number;
  lifecycle: string;
  risk_level: string | null;
  risk_assessed_on: string | null;
  field_hlcs: string;
  pinyin: string;
  initials: string;
  /** Demo data (seeding, the browser host's first run): never enters the outbox, removed whole on request. */
  demo: Generated<number>;
}

export interface ClientMonthlyAssetsTable {
  client_id: string;
  month: string;
  avg_daily_fen: number;
}

export interface HoldingsTable extends SyncColumns {
  client_id: string;
  product_code: string;
  product_name: string;
  product_risk: string;
  purchase_date: string;
  amount_fen: number;
  price: string | null;
  current_price: string | null;
  expected_return: string | null;
  take_profit: string | null;
  stop_loss: string | null;
}

export interface TermDepositsTable extends SyncColumns {
  client_id: string;
  amount_fen: number;
  rate: string;
  start_date: string;
  maturity_date: string;
}

export interface RiskAssessmentsTable extends SyncColumns {
  client_id: string;
  level: string;
  assessed_on: string;
  face_to_face: number;
  staff_id: string | null;
}

export interface ImportantDatesTable extends SyncColumns {
  client_id: string;
  kind: string;
  date: string;
  lunar: number;
  label: string | null;
}

export interface ContactsTable extends SyncColumns {
  client_id: string;
  at: string;
  channel: string;
  staff_id: string | null;
  staff_name: string | null;
  content: string;
  result: string | null;
  follow_up_product: string | null;
  follow_up_due: string | null;
  corrects_id: string | null;
  /** JSON of the product recommended or sold and the confirmations given. */
  recommendation: string | null;
  /** JSON array of compliance flags, e.g. sale_without_dual_recording. */
  flags: string;
  /** The event this contact was made for (an invitation call, a sale at the salon). */
  event_id: string | null;
}

export interface PointsLedgerTable extends SyncColumns {
  client_id: string;
  kind: string;
  points: number;
  reason: string;
  ref_id: string | null;
  at: string;
}

export interface ReferralsTable extends SyncColumns {
  referrer_id: string;
  referee_id: string;
  at: string;
  points_each: number;
}

export interface LargeTransactionsTable extends SyncColumns {
  client_id: string;
  at: string;
  amount_fen: number;
  /** `in` | `out` */
  direction: string;
  channel: string | null;
  counterparty: string | null;
  description: string | null;
}

export interface SyncParkedTable {
  seq: Generated<number>;
  table_name: string;
  row_id: string;
  /** JSON of the pulled change, as the hub sent it. */
  change: string;
  /** Why it waits: `missing_parent`, `client_no_taken`, `login_taken`, `incomplete`. */
  reason: string;
  parked_at: string;
}

/** What staff did with a reminder: append-only, synced (DOMAIN.md §3). */
export interface ReminderActionsTable extends SyncColumns {
  client_id: string;
  reminder_key: string;
  /** `done` | `snoozed` | `dismissed` */
  action: string;
  until: string | null;
  reason: string | null;
  contact_id: string | null;
  staff_id: string | null;
  at: string;
}

/** Derived on this device, never synced: a client's earliest open reminder (a row once its reminders are computed). */
export interface ClientDueTable {
  client_id: string;
  next_due: string | null;
  tier: string;
  manager_id: string | null;
  /** The day the contact cadence falls due: the client counts as covered until then. */
  cadence_due: string;
}

/** Derived on this device, never synced: each client's open reminders, as last computed. */
export interface DueRemindersTable {
  client_id: string;
  reminder_key: string;
  kind: string;
  due_date: string;
  ref_id: string | null;
  detail: string | null;
  /** 0 most urgent (domain/worklist.ts). */
  urgency: number;
  tier: string;
  manager_id: string | null;
}

export interface ClientAliasesTable {
  /** The other id the same client (same client number) arrived under. */
  alias_id: string;
  /** The id this workstation keeps for the client. */
  client_id: string;
  client_no: string;
  at: string;
}

/** A complaint as taken (intake columns, never changed) and its state derived on this device from its events. */
export interface ComplaintsTable extends SyncColumns {
  case_no: string;
  client_id: string | null;
  complainant_kind: string;
  complainant_name: string | null;
  complainant_contact: string | null;
  authority_ref: string | null;
  /** JSON [{ name, contact }], at most five. */
  representatives: string;
  channel: string;
  business_line: string;
  cause: string;
  description: string;
  request: string | null;
  amount_fen: number | null;
  severity: string;
  /** JSON array of staff ids the complaint names. */
  staff_involved: string;
  received_at: string;
  received_on: string;
  regulator_ref: string | null;
  regulator_due: string | null;
  taken_by: string | null;
  demo: number;
  status: string;
  officer_id: string | null;
  extension: string;
  due_on: string | null;
  decided_on: string | null;
  outcome: string | null;
  escalated_to: string | null;
  closed_on: string | null;
  conflicts: number;
  last_event_at: string | null;
  decision_from: string | null;
  decision_due: string | null;
}

export interface ComplaintEventsTable extends SyncColumns {
  complaint_id: string;
  kind: string;
  at: string;
  day: string;
  from_status: string;
  staff_id: string | null;
  staff_name: string | null;
  /** JSON of what the step carries (officer, extension, outcome, remedy …). */
  data: string;
  note: string | null;
  corrects_id: string | null;
}

export interface ComplaintCategoriesTable extends SyncColumns {
  kind: string;
  code: string;
  label_zh_cn: string;
  label_zh_tw: string;
  label_en: string;
  position: number;
  retired: number;
}

export interface ComplaintAttachmentsTable extends SyncColumns {
  complaint_id: string;
  file_name: string;
  /** What the content is, from its first bytes. */
  content_type: string;
  size_bytes: number;
  sha256: string;
  chunks: number;
  note: string | null;
  staff_id: string | null;
  staff_name: string | null;
  at: string;
}

export interface ComplaintAttachmentChunksTable extends SyncColumns {
  complaint_id: string;
  attachment_id: string;
  n: number;
  /** Base64 of at most ATTACHMENT_CHUNK_BYTES of content. */
  data: string;
}

/** An event's plan (travels, merged as a row) and what is derived on this device from its record. */
export interface EventsTable extends SyncColumns {
  title: string;
  type: string;
  starts_at: string;
  starts_on: string;
  ends_at: string | null;
  venue: string;
  capacity: number;
  /** JSON of the target segment the list was built from. */
  segment: string;
  cost_per_head_fen: number | null;
  cost_total_fen: number | null;
  actual_cost_fen: number | null;
  host: string | null;
  speakers: string | null;
  description: string | null;
  created_by: string | null;
  demo: Generated<number>;
  status: Generated<string>;
  guests: Generated<number>;
  invited: Generated<number>;
  seated: Generated<number>;
  waitlisted: Generated<number>;
  checked_in: Generated<number>;
  cancelled_hlc: string | null;
}

export interface EventStepsTable extends SyncColumns {
  event_id: string;
  step: string;
  reason: string | null;
  staff_id: string | null;
  staff_name: string | null;
  at: string;
}

export interface EventGuestsTable extends SyncColumns {
  event_id: string;
  client_id: string;
  source: string;
  reason: string | null;
  staff_id: string | null;
  staff_name: string | null;
  at: string;
  state: Generated<string>;
  queue: number | null;
  inviter_id: string | null;
  taker_id: string | null;
  notice: string | null;
  notice_for: string | null;
  checked_in_at: string | null;
}

export interface EventAnswersTable extends SyncColumns {
  event_id: string;
  guest_id: string;
  kind: string;
  channel: string | null;
  contact_id: string | null;
  seat_seen: string | null;
  staff_id: string | null;
  staff_name: string | null;
  at: string;
  note: string | null;
}

export interface EventCheckinsTable extends SyncColumns {
  event_id: string;
  guest_id: string | null;
  client_id: string;
  walk_in: Generated<number>;
  staff_id: string | null;
  staff_name: string | null;
  at: string;
}

export interface SurveyTemplatesTable extends SyncColumns {
  code: string;
  occasion: string;
  retired: number;
  created_by: string | null;
  demo: number;
}

export interface SurveyVersionsTable extends SyncColumns {
  template_id: string;
  /** JSON Labels. */
  title: string;
  /** JSON TemplateQuestion[]. */
  questions: string;
  note: string | null;
  staff_id: string | null;
  staff_name: string | null;
  at: string;
}

/** An answer sheet as entered (never changed) and its scores derived on this device from its version. */
export interface SurveyResponsesTable extends SyncColumns {
  template_id: string;
  version_id: string;
  client_id: string | null;
  respondent: string | null;
  event_id: string | null;
  complaint_id: string | null;
  staff_id: string | null;
  staff_name: string | null;
  at: string;
  day: string;
  /** JSON { [questionId]: number | string | string[] }. */
  answers: string;
  demo: number;
  scored: number;
  csat: number | null;
  nps: number | null;
  follow_up: number;
  has_text: number;
}

/** A public holiday or a make-up working day (DOMAIN.md §7b), from head office. */
export interface WorkCalendarTable extends SyncColumns {
  day: string;
  kind: string;
  name: string | null;
}

/** Derived on this device, never synced: the branch's clients and assets per tier as the tiers stood each month. */
export interface TierMonthsTable {
  month: string;
  tier: string;
  clients: number;
  aum_fen: number;
}

/** Derived on this device, never synced: a client whose tier changed from the month before. */
export interface TierMovesTable {
  month: string;
  client_id: string;
  from_tier: string;
  to_tier: string;
  /** +1 up (towards VIP), -1 down. */
  direction: number;
}

/** Derived on this device: how many open reminders per manager ('' none), tier, kind, rank and due day. */
export interface DueTallyTable {
  manager_id: string;
  tier: string;
  kind: string;
  urgency: number;
  due_date: string;
  n: number;
}

/** Derived on this device: how many computed clients per tier, manager ('' none) and day their cadence falls due. */
export interface CoverTallyTable {
  tier: string;
  manager_id: string;
  cadence_due: string;
  n: number;
}
