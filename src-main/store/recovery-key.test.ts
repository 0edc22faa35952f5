import { afterEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../test/fixtures/store';
import { generateKey } from './key';
import { openStore } from './open';
import {
  decodeRecoveryKey,
  encodeRecoveryKey,
  markRecoveryKeyKept,
  recoveryFileText,
  recoveryKeyInText,
  recoveryKeyKept,
} from './recovery-key';

let t: TempStore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const refused = (typed: string) =>
  expect(() => decodeRecoveryKey(typed)).toThrow(expect.objectContaining({ key: 'errors.store.bad_recovery_key' }));

describe('the desktop store’s recovery key', () => {
  it('writes the key as 11 groups of five unambiguous letters and digits, and reads every one back', () => {
    for (let i = 0; i < 500; i++) {
      const key = generateKey();
      const written = encodeRecoveryKey(key);
      expect(written).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){10}$/);
      expect(decodeRecoveryKey(written).equals(key)).toBe(true);
    }
  });

  it('forgives how it is typed: case, spaces instead of dashes, O for 0, I or L for 1', () => {
    const key = Buffer.alloc(32, 0);
    key[31] = 0x21; // ends in digits 0 and 1 somewhere in the text
    const written = encodeRecoveryKey(key);
    const sloppy = written.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(decodeRecoveryKey(`  ${sloppy}\n`).equals(key)).toBe(true);
    expect(decodeRecoveryKey(written.replace(/-/g, '')).equals(key)).toBe(true);
  });

  it('refuses a mistyped character, a missing group and a letter it never uses, before any key is tried', () => {
    // A fixed key: a one-letter change slips past a 16-bit checksum once in 65,536 keys, so not a random one.
    const written = encodeRecoveryKey(Buffer.from('6d1f0c9a4be27f30851c6e2d9a0b47f3e8c21d5a6f093b7e4c8d2a1f0e5b7c39', 'hex'));
    for (let at = 0; at < written.length; at++) {
      if (written[at] === '-') continue;
      const other = written[at] === 'A' ? 'B' : 'A';
      refused(written.slice(0, at) + other + written.slice(at + 1));
    }
    refused(written.slice(0, -6));
    refused(written.replace(/.$/, 'U'));
    refused('');
  });

  it('finds the key in the recovery file it offers to save and print', () => {
    const key = generateKey();
    const text = recoveryFileText(encodeRecoveryKey(key), { database: 'C:\\BranchDesk\\branchdesk.db', createdAt: '2026-12-02T09:00:00Z' });
    expect(recoveryKeyInText(text).equals(key)).toBe(true);
    expect(() => recoveryKeyInText('BranchDesk — nothing here')).toThrow(expect.objectContaining({ key: 'errors.store.bad_recovery_key' }));
  });

  it('opens the store it was made from, and is shown until an administrator says it is kept', async () => {
    t = await tempStore();
    const recovered = decodeRecoveryKey(encodeRecoveryKey(t.key));
    expect(recoveryKeyKept(t.store)).toBe(false);
    markRecoveryKeyKept(t.store, '2026-12-02T09:00:00Z');
    expect(recoveryKeyKept(t.store)).toBe(true);
    await t.store.close();
    const reopened = await openStore({ path: t.path, key: recovered });
    expect(recoveryKeyKept(reopened)).toBe(true);
    await reopened.close();
  });
});
