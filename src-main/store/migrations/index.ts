import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_clients';
import * as m0003 from './0003_sync';
import * as m0004 from './0004_reminders';
import * as m0005 from './0005_demo';
import * as m0006 from './0006_accounts';
import * as m0007 from './0007_complaints';
import * as m0008 from './0008_complaint_attachments';
import * as m0009 from './0009_events';
import * as m0010 from './0010_surveys';
import * as m0011 from './0011_work_calendar';
import * as m0012 from './0012_worklist';
import * as m0013 from './0013_due_reads';

/** The ordered list of every migration. A static list: a file-system provider breaks once bundled. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_clients': m0002,
  '0003_sync': m0003,
  '0004_reminders': m0004,
  '0005_demo': m0005,
  '0006_accounts': m0006,
  '0007_complaints': m0007,
  '0008_complaint_attachments': m0008,
  '0009_events': m0009,
  '0010_surveys': m0010,
  '0011_work_calendar': m0011,
  '0012_worklist': m0012,
  '0013_due_reads': m0013,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
