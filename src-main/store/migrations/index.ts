import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';

/** The ordered list of every migration. A static list: a file-system provider breaks once bundled. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
