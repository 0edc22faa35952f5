import { AppError } from '../../src-shared/contract/errors';
import type { Clock } from '../../src-shared/domain/clock';
import { SYNCED_TABLE_NAMES, syncedTable } from '../../src-shared/sync/tables';
import { appendAudit, type AuditInput } from '../audit/log';
import type { JobControl } from '../jobs';
import type { Store } from '../store/open';
import { ClientSearchIndex } from '../clients/search-index';
import { rebuildTallies } from '../reminders/tallies';
import { demoHoldings, type DemoHoldings } from './rows';

/** Local tables, never synced, that hold one row per client: derived reminders and aliases go with their client. */
const LOCAL_CLIENT_TABLES = ['due_reminders', 'client_due', 'client_aliases', 'tier_moves'] as const;

export interface DemoRemoval {
  removed: DemoHoldings;
  /** Rows removed in all, across every table. */
  rows: number;
}

/**
 * Removes every demo row in one transaction: each synced table's rows that name a demo client (the registry's client
 * references), their outbox records if any, the local rows derived from them, their search entries, the clients, and
 * the seeder's staff accounts. Demo data never left the workstation, so it leaves no tombstones either: these are
 * real deletes. A foreign key the list missed fails the whole removal rather than leaving half of it. Cancelling
 * between steps keeps everything as it was.
 */
export async function removeDemoData(
  store: Store,
  clock: Clock,
  audit: Omit<AuditInput, 'targetIds'>,
  job?: JobControl,
): Promise<DemoRemoval> {
  return store.db.transaction().execute(async (trx) => {
    const removed = await demoHoldings(trx);
    const { raw } = store;
    const steps: (() => number)[] = [];
    // The demo clients, once, in a temporary table (in memory: temp_store = MEMORY).
    raw.prepare('CREATE TEMP TABLE demo_clients (id TEXT PRIMARY KEY, rid INTEGER NOT NULL)').run();
    raw.prepare('INSERT INTO demo_clients (id, rid) SELECT id, rowid FROM clients WHERE demo = 1').run();
    // Table and column names below come from the registry and the lists above, never from input.
    // Rows that belong to a demo row (a demo case's events) go first: their parent goes with its client below.
    for (const table of SYNCED_TABLE_NAMES) {
      const parent = syncedTable(table).parentRef;
      if (!parent) continue;
      const demoChildren = `SELECT id FROM ${table} WHERE ${parent.column} IN (SELECT id FROM ${parent.table} WHERE demo = 1)`;
      steps.push(
        () =>
          raw.prepare(`DELETE FROM outbox WHERE table_name = ? AND row_id IN (${demoChildren})`).run(table).changes +
          raw.prepare(`DELETE FROM ${table} WHERE id IN (${demoChildren})`).run().changes,
      );
    }
    // Demo events (their guests, answers and arrivals went with the rows that belong to them, above).
    steps.push(
      () =>
        raw.prepare("DELETE FROM outbox WHERE table_name = 'events' AND row_id IN (SELECT id FROM events WHERE demo = 1)").run().changes +
        raw.prepare('DELETE FROM events WHERE demo = 1').run().changes,
    );
    // Demo cases that name no client (an anonymous complainant in the demo set).
    steps.push(
      () =>
        raw.prepare("DELETE FROM outbox WHERE table_name = 'complaints' AND row_id IN (SELECT id FROM complaints WHERE demo = 1)").run()
          .changes + raw.prepare('DELETE FROM complaints WHERE demo = 1 AND client_id IS NULL').run().changes,
    );
    // Demo answers (marked when entered: anonymous, or following a demo event or case; the rest name a demo client).
    steps.push(
      () =>
        raw
          .prepare(
            "DELETE FROM outbox WHERE table_name = 'survey_responses' AND row_id IN (SELECT id FROM survey_responses WHERE demo = 1)",
          )
          .run().changes + raw.prepare('DELETE FROM survey_responses WHERE demo = 1').run().changes,
    );
    for (const table of SYNCED_TABLE_NAMES) {
      const spec = syncedTable(table);
      for (const ref of spec.clientRefs ?? []) {
        steps.push(() => {
          let n = 0;
          if (spec.merge !== 'keyed') {
            n += raw
              .prepare(
                `DELETE FROM outbox WHERE table_name = ? AND row_id IN (SELECT id FROM ${table} WHERE ${ref} IN (SELECT id FROM demo_clients))`,
              )
              .run(table).changes;
          }
          return n + raw.prepare(`DELETE FROM ${table} WHERE ${ref} IN (SELECT id FROM demo_clients)`).run().changes;
        });
      }
    }
    for (const table of LOCAL_CLIENT_TABLES) {
      steps.push(() => raw.prepare(`DELETE FROM ${table} WHERE client_id IN (SELECT id FROM demo_clients)`).run().changes);
    }
    // The reminders' tallies are recounted from what is left.
    steps.push(() => {
      rebuildTallies(raw);
      return 0;
    });
    steps.push(() => {
      const search = new ClientSearchIndex(raw);
      const rids = raw.prepare('SELECT rid FROM demo_clients').pluck().all() as number[];
      for (const rid of rids) search.drop(rid);
      return 0;
    });
    steps.push(
      () =>
        raw.prepare("DELETE FROM outbox WHERE table_name = 'clients' AND row_id IN (SELECT id FROM demo_clients)").run().changes +
        raw.prepare('DELETE FROM clients WHERE demo = 1').run().changes,
    );
    steps.push(() => raw.prepare('DELETE FROM staff WHERE demo = 1').run().changes);

    let rows = 0;
    for (const [i, step] of steps.entries()) {
      rows += step();
      job?.progress(i + 1, steps.length);
      // Lets progress out and a cancel in between steps; the transaction holds the connection meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      if (job?.signal.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'removing the demo data cancelled; nothing was removed');
    }
    raw.prepare('DROP TABLE temp.demo_clients').run();
    await appendAudit(trx, clock, {
      ...audit,
      targetIds: [`demo:clients:${removed.clients}`, `demo:staff:${removed.staff}`, `rows:${rows}`],
    });
    return { removed, rows };
  });
}
