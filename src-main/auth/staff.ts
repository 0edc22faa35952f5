import type { Kysely, Transaction } from 'kysely';
import { AppError, type Role, type Staff } from '../../src-shared/contract';
import type { Clock } from '../../src-shared/domain/clock';
import type { Settings } from '../../src-shared/contract';
import { newRowColumns, recordChange } from '../sync/outbox';
import type { Database, StaffTable } from '../store/schema';
import type { PasswordHash, PasswordHasher } from './password';

export interface NewStaff {
  login: string;
  displayName: string;
  roles: Role[];
  /** Hashed before the transaction (`passwords.hash`: a second of scrypt must not hold the store); null: cannot sign in. */
  credentials: PasswordHash | null;
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
  const { hash, salt } = input.credentials ?? { hash: '', salt: '' };
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

/** Why a sign-in failed, for the audit log (the staff member hears only "wrong login or password" or "locked"). */
export type SignInFailure = 'unknown_login' | 'disabled' | 'wrong_password' | 'locked_out';

/**
 * Checks a staff member's password. `maxFailedSignIns` wrong passwords in a row lock the login for
 * `signInLockoutMinutes`; the counter survives restarts because it is stored. An unknown login, a disabled one and a
 * wrong password get the same answer after the same work (a decoy hash is checked), so neither the words nor the time
 * tell which logins exist. A hash made with older parameters is replaced on success. `onFailure` hears why it failed.
 */
export async function checkCredentials(
  db: Kysely<Database>,
  clock: Clock,
  settings: Settings,
  passwords: PasswordHasher,
  login: string,
  password: string,
  onFailure: (failure: SignInFailure, staffId: string | null) => Promise<void> = () => Promise.resolve(),
): Promise<Staff & { mustChangePassword: boolean }> {
  const row = await db.selectFrom('staff').selectAll().where('login', '=', login).where('deleted_hlc', 'is', null).executeTakeFirst();
  const wrong = new AppError('UNAUTHENTICATED', 'errors.auth.wrong_password', 'wrong login or password');
  if (!row || row.disabled === 1) {
    await passwords.verify(password, await passwords.decoy());
    await onFailure(row ? 'disabled' : 'unknown_login', row?.id ?? null);
    throw wrong;
  }
  const now = clock.now();
  if (row.locked_until && Date.parse(row.locked_until) > now) {
    const minutes = Math.ceil((Date.parse(row.locked_until) - now) / 60_000);
    await onFailure('locked_out', row.id);
    throw new AppError('LOCKED', 'errors.auth.locked_out', `too many wrong passwords; try again in ${minutes} min`, {
      params: { minutes },
    });
  }
  if (!(await passwords.verify(password, { hash: row.password_hash, salt: row.password_salt }))) {
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
    await onFailure(lockNow ? 'locked_out' : 'wrong_password', row.id);
    if (lockNow) {
      throw new AppError(
        'LOCKED',
        'errors.auth.locked_out',
        `too many wrong passwords; try again in ${settings.signInLockoutMinutes} min`,
        { params: { minutes: settings.signInLockoutMinutes } },
      );
    }
    throw wrong;
  }
  const rehash = passwords.isOutdated(row.password_hash) ? await passwords.hash(password) : null;
  if (row.failed_attempts !== 0 || row.locked_until !== null || rehash) {
    await db
      .updateTable('staff')
      .set({ failed_attempts: 0, locked_until: null, ...(rehash ? { password_hash: rehash.hash, password_salt: rehash.salt } : {}) })
      .where('id', '=', row.id)
      .execute();
  }
  return { ...toStaff(row), mustChangePassword: row.must_change_password === 1 };
}

/**
 * A staff member's own new password (the one head office sent must be replaced at first sign-in), hashed by the
 * caller before the transaction. Local only: a password changed at the branch is never sent anywhere.
 */
export async function setOwnPassword(trx: Transaction<Database>, staffId: string, credentials: PasswordHash): Promise<void> {
  await trx
    .updateTable('staff')
    .set({ password_hash: credentials.hash, password_salt: credentials.salt, must_change_password: 0 })
    .where('id', '=', staffId)
    .execute();
}
