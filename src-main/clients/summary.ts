import type { Kysely } from 'kysely';
import type { ClientSummary, Settings } from '../../src-shared/contract';
import { maskIdNumber, maskMobile } from '../../src-shared/domain/masking';
import { isAssessmentExpired } from '../../src-shared/domain/suitability';
import type { Database } from '../store/schema';

const SUMMARY_COLUMNS = [
  'clients.id',
  'clients.client_no',
  'clients.name',
  'clients.kind',
  'clients.tier',
  'clients.lifecycle',
  'clients.strategic',
  'clients.mobile',
  'clients.id_number',
  'clients.risk_level',
  'clients.risk_assessed_on',
  'staff.display_name as manager_name',
] as const;

export interface SummaryRow {
  id: string;
  client_no: string;
  name: string;
  kind: string;
  tier: string;
  lifecycle: string;
  strategic: number;
  mobile: string | null;
  id_number: string;
  risk_level: string | null;
  risk_assessed_on: string | null;
  manager_name: string | null;
}

export function summaryQuery(db: Kysely<Database>) {
  return db.selectFrom('clients').leftJoin('staff', 'staff.id', 'clients.manager_id').select(SUMMARY_COLUMNS);
}

/** A result-list row: masked on the way out of main, so clear values never reach the renderer unasked. */
export function toSummary(row: SummaryRow, settings: Settings, today: string): ClientSummary {
  return {
    id: row.id,
    clientNo: row.client_no,
    name: row.name,
    kind: row.kind as ClientSummary['kind'],
    tier: row.tier as ClientSummary['tier'],
    lifecycle: row.lifecycle as ClientSummary['lifecycle'],
    strategic: row.strategic === 1,
    maskedMobile: row.mobile ? maskMobile(row.mobile) : null,
    maskedId: maskIdNumber(row.id_number, settings.idMask),
    managerName: row.manager_name,
    riskLevel: row.risk_level,
    riskExpired: row.risk_assessed_on === null || isAssessmentExpired(row.risk_assessed_on, today, settings),
  };
}

/** Summaries for ids, in the order given. */
export async function summariesFor(db: Kysely<Database>, ids: string[], settings: Settings, today: string): Promise<ClientSummary[]> {
  if (ids.length === 0) return [];
  const rows = await summaryQuery(db).where('clients.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toSummary(row, settings, today)] : [];
  });
}
