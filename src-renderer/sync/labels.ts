import type { ParkedChange } from '../../src-shared/contract';
import { PARKED_REASONS } from '../../src-shared/contract/sync';
import type { SyncedTableName } from '../../src-shared/sync/tables';
import type { TranslationKey } from '../i18n/dictionary';
import type { T } from '../i18n/I18nProvider';

/** What each synced table holds, in staff's words (typed by the registry: a new table needs its label). */
const TABLE_LABELS: Record<SyncedTableName, TranslationKey> = {
  clients: 'sync.table.clients',
  staff: 'sync.table.staff',
  holdings: 'sync.table.holdings',
  term_deposits: 'sync.table.term_deposits',
  large_transactions: 'sync.table.large_transactions',
  risk_assessments: 'sync.table.risk_assessments',
  important_dates: 'sync.table.important_dates',
  contacts: 'sync.table.contacts',
  points_ledger: 'sync.table.points_ledger',
  referrals: 'sync.table.referrals',
  client_monthly_assets: 'sync.table.client_monthly_assets',
  reminder_actions: 'sync.table.reminder_actions',
  complaints: 'sync.table.complaints',
  complaint_events: 'sync.table.complaint_events',
  complaint_categories: 'sync.table.complaint_categories',
  complaint_attachments: 'sync.table.complaint_attachments',
  complaint_attachment_chunks: 'sync.table.complaint_attachment_chunks',
  events: 'sync.table.events',
  event_steps: 'sync.table.event_steps',
  event_guests: 'sync.table.event_guests',
  event_answers: 'sync.table.event_answers',
  event_checkins: 'sync.table.event_checkins',
  survey_templates: 'sync.table.survey_templates',
  survey_versions: 'sync.table.survey_versions',
  survey_responses: 'sync.table.survey_responses',
  work_calendar: 'sync.table.work_calendar',
};

const REASON_LABELS: Record<(typeof PARKED_REASONS)[number], TranslationKey> = {
  missing_parent: 'sync.parked.reason.missing_parent',
  client_no_taken: 'sync.parked.reason.client_no_taken',
  login_taken: 'sync.parked.reason.login_taken',
  incomplete: 'sync.parked.reason.incomplete',
  invalid: 'sync.parked.reason.invalid',
};

export function tableLabel(t: T, table: string): string {
  return table in TABLE_LABELS ? t(TABLE_LABELS[table as SyncedTableName]) : table;
}

export function parkedReason(t: T, change: Pick<ParkedChange, 'reason' | 'detail'>): string {
  const known = (PARKED_REASONS as readonly string[]).includes(change.reason);
  const words = known ? t(REASON_LABELS[change.reason as (typeof PARKED_REASONS)[number]]) : change.reason;
  return change.detail ? `${words} (${change.detail})` : words;
}
