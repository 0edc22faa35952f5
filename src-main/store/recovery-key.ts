import crypto from 'node:crypto';
import { AppError } from '../../src-shared/contract/errors';
import { KEY_BYTES } from '../../src-shared/store/cipher';
import type { Store } from './open';

/**
 * The desktop store's recovery key (issue 9): the database key itself, written for people, like a disk-encryption
 * recovery key. The desktop app keeps its key wrapped by the OS keychain; should that entry be lost (a new Windows
 * profile, a reset keyring), this is the way back in: `admin --recovery-key …` opens the store with it, and the app
 * asks for the saved recovery file and wraps the key again.
 *
 * 32 key bytes and 2 checksum bytes in Crockford's base32 (no I, L, O, U: nothing to misread), 55 characters in
 * 11 groups of five. Typing is forgiving: case, spaces and dashes do not matter, O is read as 0 and I or L as 1.
 * A typo fails the checksum instead of trying a wrong key against the database.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECKSUM_BYTES = 2;
const GROUP = 5;
const CHARS = Math.ceil(((KEY_BYTES + CHECKSUM_BYTES) * 8) / 5);

/** One typed or saved recovery key: 11 groups of five, dashes or spaces between them. */
const IN_TEXT = new RegExp(`[0-9A-Za-z]{${GROUP}}(?:[- ][0-9A-Za-z]{${GROUP}}){${CHARS / GROUP - 1}}`);

function checksum(key: Buffer): Buffer {
  return crypto.createHash('sha256').update('branchdesk-recovery-key').update(key).digest().subarray(0, CHECKSUM_BYTES);
}

export function encodeRecoveryKey(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new AppError('INTERNAL', 'errors.store.bad_key', 'the database key must be 32 bytes');
  const bytes = Buffer.concat([key, checksum(key)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

function badRecoveryKey(why: string): AppError {
  return new AppError('VALIDATION', 'errors.store.bad_recovery_key', `that is not a BranchDesk recovery key: ${why}`);
}

/** The database key from a recovery key as typed or saved; a wrong length, letter or checksum is refused. */
export function decodeRecoveryKey(typed: string): Buffer {
  const chars = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== CHARS) throw badRecoveryKey(`it has ${chars.length} characters, not ${CHARS}`);
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of chars) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw badRecoveryKey(`“${char}” is not one of its letters`);
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  // The last letter carries three bits of padding, always zero: a letter that sets them is a typo, not the same key.
  if (value !== 0) throw badRecoveryKey('its last character is not one it could end with');
  const all = Buffer.from(bytes.slice(0, KEY_BYTES + CHECKSUM_BYTES));
  const key = all.subarray(0, KEY_BYTES);
  if (!checksum(key).equals(all.subarray(KEY_BYTES))) throw badRecoveryKey('its checksum does not match (a character is mistyped)');
  return Buffer.from(key);
}

/** The recovery key inside a saved recovery file (or any text holding one), decoded; refused when there is none. */
export function recoveryKeyInText(text: string): Buffer {
  const found = IN_TEXT.exec(text);
  if (!found) throw badRecoveryKey('no recovery key was found in it');
  return decodeRecoveryKey(found[0]);
}

/** The recovery file the desktop app offers to save at first run: printable as it is. */
export function recoveryFileText(recoveryKey: string, where: { database: string; createdAt: string }): string {
  return [
    'BranchDesk 网点客户工作台 — 数据库恢复密钥 / Database recovery key',
    '',
    `    ${recoveryKey}`,
    '',
    `数据库 / Database: ${where.database}`,
    `生成时间 / Created: ${where.createdAt}`,
    '',
    '若本机系统密钥库中的数据库密钥丢失(更换系统用户、重置密钥库),凭此密钥可重新打开数据库。',
    '请打印后锁入保险柜,或交由网点负责人保管;不要与电脑放在一起,不要通过邮件或聊天工具发送。',
    '',
    'If the database key in this computer’s keychain is lost (a new user profile, a reset keyring), this key opens',
    'the database again: BranchDesk asks for this file at startup, and `admin --recovery-key "…"` accepts it.',
    'Print it and keep it locked away, or give it to the branch manager; never keep it with the computer or send it',
    'by email or chat. Anyone holding it and the database file can read every record.',
    '',
  ].join('\n');
}

/** Set once an administrator has confirmed keeping the recovery key: until then the desktop app shows it at launch. */
const KEPT_KEY = 'recovery_key_kept_at';

export function recoveryKeyKept(store: Store): boolean {
  return store.raw.prepare('SELECT 1 FROM device_state WHERE key = ?').get(KEPT_KEY) !== undefined;
}

export function markRecoveryKeyKept(store: Store, at: string): void {
  store.raw.prepare('INSERT OR REPLACE INTO device_state (key, value) VALUES (?, ?)').run(KEPT_KEY, at);
}
