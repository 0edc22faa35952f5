import type { Kysely, Transaction } from 'kysely';
import { AppError, type Role, type Staff } from '../../src-shared/contract';
import type { Clock } from '../../src-shared/domain/clock';
import type { Settings } from '../../src-shared/contract';
import { newRowColumns, recordChange } from '../sync/outbox';
import type { Database, StaffTable } from '../store/schema';
import { hashPassword, verifyPassword } from './password';

export interface NewStaff {
  login: string;
  displayName: string;
  roles: Role[];
  password: string;
  /** A demo account (the seeder's relationship managers): removed with the demo data. */
  demo?: boolean;
}

type StaffRow = Pick<StaffTable, 'id' | 'login' | 'display_name' | 'roles'>;

export function toStaff(row: StaffRow): Staff {
  return { id: row.id, login: row.login, displayName: row.display_name, roles: JSON.parse(row.roles) as Role[] };
}

/**
 * Whether an administrator account exists. The first run offers to create one until it does: demo seeding makes
 * relationship-manager accounts, but nobody could sign in to manage them.
 */
export async function hasAdministrator(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  const rows = await db.selectFrom('staff').select('roles').where('deleted_hlc', 'is', null).where('disabled', '=', 0).execute();
  return rows.some((r) => (JSON.parse(r.roles) as Role[]).includes('admin'));
}

export async function createStaff(trx: Transaction<Database>, clock: Clock, input: NewStaff): Promise<Staff> {
  const existing = await trx.selectFrom('staff').select('id').where('login', '=', input.login).executeTakeFirst();
  if (existing) {
    throw new AppError('CONFLICT', 'errors.staff.login_taken', `the login ${input.login} is taken`, { params: { login: input.login } });
  }
  const base = await newRowColumns(trx, clock);
  const { id, updated_hlc: hlc } = base;
  const roles = [...new Set(input.roles)];
  const { hash, salt } = hashPassword(input.password);
  await trx
    .insertInto('staff')
    .values({
      ...base,
      login: input.login,
      display_name: input.displayName,
      roles: JSON.stringify(roles),
      password_hash: hash,
      password_salt: salt,
      failed_attempts: 0,
      locked_until: null,
      disabled: 0,
      demo: input.demo ? 1 : 0,
    })
    .execute();
  await recordChange(trx, clock, { table: 'staff', rowId: id, hlc, change: { op: 'insert' } });
  return { id, login: input.login, displayName: input.displayName, roles };
}

export async function listStaff(db: Kysely<Database>) {
  const rows = await db.selectFrom('staff').selectAll().where('deleted_hlc', 'is', null).orderBy('login').execute();
  return rows.map((r) => ({ ...toStaff(r), disabled: r.disabled === 1, lockedUntil: r.locked_until }));
}

/**
 * Checks a staff member's password. `maxFailedSignIns` wrong passwords in a row lock the login for
 * `signInLockoutMinutes`; the counter survives restarts because it is stored. An unknown login and a wrong
 * password get the same answer, so the screen does not reveal which logins exist.
 */
export async function checkCredentials(
  db: Kysely<Database>,
  clock: Clock,
  settings: Settings,
  login: string,
  password: string,
): Promise<Staff> {
  const row = await db.selectFrom('staff').selectAll().where('login', '=', login).where('deleted_hlc', 'is', null).executeTakeFirst();
  const wrong = new AppError('UNAUTHENTICATED', 'errors.auth.wrong_password', 'wrong login or password');
  if (!row || row.disabled === 1) throw wrong;
  const now = clock.now();
  if (row.locked_until && Date.parse(row.locked_until) > now) {
    const minutes = Math.ceil((Date.parse(row.locked_until) - now) / 60_000);
    throw new AppError('LOCKED', 'errors.auth.locked_out', `too many wrong passwords; try again in ${minutes} min`, {
      params: { minutes },
    });
  }
  if (!verifyPassword(password, { hash: row.password_hash, salt: row.password_salt })) {
    const failed = row.failed_attempts + 1;
    const lockNow = failed >= settings.maxFailedSignIns;
    await db
      .updateTable('staff')
      .set({
        failed_attempts: lockNow ? 0 : failed,
        locked_until: lockNow ? new Date(now + settings.signInLockoutMinutes * 60_000).toISOString() : row.locked_until,
      })
      .where('id', '=', row.id)
      .execute();
    if (lockNow) {
      throw new AppError(
        'LOCKED',
        'errors.auth.locked_out',
        `too many wrong passwords; try again in ${settings.signInLockoutMinutes} min`,
        {
          params: { minutes: settings.signInLockoutMinutes },
        },
      );
    }
    throw wrong;
  }
  if (row.failed_attempts !== 0 || row.locked_until !== null) {
    await db.updateTable('staff').set({ failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
  }
  return toStaff(row);
}
