import crypto from 'node:crypto';
import { displayNameSchema, loginSchema, passwordSchema } from '../../src-shared/contract/auth';
import { ROLES, type Role } from '../../src-shared/contract/define';
import { encodePasswordHash, PASSWORD_SCRYPT, scryptOptions } from '../../src-shared/domain/password-hash';
import { type ChangeDraft, type ImportContext, type KindImporter, missingOf, type RowReader } from './row';
import { parseFlag } from './values';

/**
 * Exactly what the workstation's verifier expects: the shared scrypt parameters over the NFC form of the password,
 * off the event loop (an import may hash hundreds). test/sync/sync.test.ts signs in at a workstation with one.
 */
const { keyLength: KEY_LENGTH, saltLength: SALT_LENGTH } = PASSWORD_SCRYPT;
const HASHES_AT_ONCE = 4;

export function hashStaffPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = crypto.randomBytes(SALT_LENGTH);
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, KEY_LENGTH, scryptOptions(PASSWORD_SCRYPT), (error, key) => {
      if (error) reject(error);
      else resolve({ hash: encodePasswordHash(PASSWORD_SCRYPT, key.toString('hex')), salt: salt.toString('hex') });
    });
  });
}

/** Role names as head office writes them. 客户经理 is not here: relationship managers work the counter role. */
const ROLE_NAMES: Record<string, Role> = {
  柜员: 'counter',
  大堂经理: 'counter',
  投诉专员: 'complaints',
  活动专员: 'events',
  网点负责人: 'manager',
  负责人: 'manager',
  管理员: 'admin',
};

/** `counter|manager`, `柜员、网点负责人` … → the roles in the contract's order; null when one is unknown or none given. */
function parseRoles(text: string): Role[] | null {
  const parts = text.split(/[|,;、，；/\s]+/).filter((p) => p !== '');
  const roles = new Set<Role>();
  for (const part of parts) {
    const role = ROLE_NAMES[part] ?? ROLES.find((r) => r === part.toLowerCase());
    if (!role) return null;
    roles.add(role);
  }
  return roles.size === 0 ? null : ROLES.filter((r) => roles.has(r));
}

/**
 * Staff accounts of the branch. A login head office has sent before keeps its row id, so a resent row updates the
 * account. An initial password (column `password`/初始密码) is hashed here as the workstation hashes it and travels
 * only as hash and salt; an empty cell leaves the account's password as it is (a new account then waits for an
 * administrator at the branch to set one). Passwords never appear in the report.
 */
export class StaffImport implements KindImporter {
  private readonly seen = new Set<string>();
  private readonly pending: { draft: ChangeDraft; password: string | null }[] = [];

  constructor(private readonly ctx: ImportContext) {}

  missingColumns(has: (field: string) => boolean): string[] {
    return missingOf(has, ['login', 'display_name', 'roles']);
  }

  row(r: RowReader): void {
    const login = r.required('login');
    if (login !== null) {
      if (!loginSchema.safeParse(login).success) r.fail('login', 'import.bad_login');
      else if (this.seen.has(login)) r.fail('login', 'import.duplicate_login');
    }
    const name = r.required('display_name');
    if (name !== null && !displayNameSchema.safeParse(name).success) r.fail('display_name', 'import.too_long');
    const roles = r.parsed('roles', parseRoles, 'import.bad_roles');
    const disabled = r.text('disabled') === '' ? 0 : r.parsed('disabled', parseFlag, 'import.bad_flag');
    // The cell itself, untrimmed: spaces may be part of a password.
    const password = r.text('password') === '' ? null : r.rawText('password');
    if (password !== null) {
      const checked = passwordSchema.safeParse(password);
      if (!checked.success)
        r.fail('password', checked.error.issues[0]?.message.replace('validation.', 'import.') ?? 'import.bad_password', '');
    }
    if (login !== null) this.seen.add(login);
    if (!r.ok || login === null || name === null || roles === null || disabled === null) return;
    const knownId = this.ctx.staffByLogin.get(login);
    const values: ChangeDraft['values'] = { login, display_name: name, roles: JSON.stringify(roles) };
    // A file without the column leaves a known account as it is (an account disabled earlier stays disabled).
    if (r.has('disabled') || !knownId) values.disabled = disabled;
    if (!knownId) values.created_at = this.ctx.nowIso;
    this.pending.push({ draft: { table: 'staff', rowId: knownId ?? this.ctx.newId(), values }, password });
  }

  async finish(): Promise<ChangeDraft[]> {
    // ~60 ms a hash: four at a time, as many as libuv's default thread pool runs at once.
    for (let i = 0; i < this.pending.length; i += HASHES_AT_ONCE) {
      await Promise.all(
        this.pending.slice(i, i + HASHES_AT_ONCE).map(async ({ draft, password }) => {
          if (password === null) return;
          const { hash, salt } = await hashStaffPassword(password);
          draft.values.password_hash = hash;
          draft.values.password_salt = salt;
        }),
      );
    }
    return this.pending.map((p) => p.draft);
  }
}
