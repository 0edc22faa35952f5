import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../test/fixtures/admin';
import { tempDir } from '../../test/fixtures/store';
import { dataFiles } from '../store/data-dir';
import { REGISTER_COLUMNS } from '../complaints/register';
import { readKeyFile } from '../store/key';
import { encodeRecoveryKey } from '../store/recovery-key';
import { openRaw } from '../store/open';

let dir: string;
let files: ReturnType<typeof dataFiles>;
const PASS = { BRANCHDESK_PASSPHRASE: 'head office passphrase 1' };

beforeEach(() => {
  dir = tempDir('branchdesk-cli-');
  files = dataFiles(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const admin = (args: string[], env: Record<string, string> = PASS) => runAdmin([...args, '--data-dir', dir], env);
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

function addStaff(login: string, name: string, roles: string[], env: Record<string, string> = PASS) {
  return admin(['staff', 'add', '--login', login, '--name', name, ...roles.flatMap((r) => ['--role', r])], {
    ...env,
    BRANCHDESK_STAFF_PASSWORD: 'staff-pass-2026',
  });
}

// Each step is a process of its own (tsx start-up included): a story of eight of them needs more than the default 30 s
// on a busy two-core machine.
describe('the administrator’s command line', { timeout: 120_000 }, () => {
  it('initialises a passphrase-protected store, adds and lists staff, and verifies it', () => {
    expect(admin(['init']).code).toBe(0);
    expect(fs.existsSync(files.salt)).toBe(true);
    const added = addStaff('chen.jing', '陈静', ['counter', 'events']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('chen.jing');
    const list = admin(['staff', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ staff: [{ login: 'chen.jing', displayName: '陈静', roles: ['counter', 'events'] }] });
    const verify = admin(['verify', '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, key: 'ok', integrity: ['ok'], audit: { ok: true, entries: 1 } });
  });

  it('refuses bad staff input with the reason and writes nothing', () => {
    admin(['init']);
    const bad = addStaff('Chen Jing', '陈静', ['teller']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/login/);
    expect(bad.stderr).toMatch(/roles/);
    expect(JSON.parse(admin(['staff', 'list', '--json']).stdout)).toEqual({ staff: [] });
  });

  it('says the key does not match, exits non-zero and leaves the file untouched, for a wrong passphrase', () => {
    admin(['init']);
    addStaff('chen.jing', '陈静', ['counter']);
    const before = sha(files.database);
    const wrong = admin(['staff', 'list'], { BRANCHDESK_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('the database key does not match');
    expect(sha(files.database)).toBe(before);
    expect(fs.existsSync(`${files.database}-wal`)).toBe(false);
  });

  it('finds a tampered audit entry and names it', () => {
    admin(['init']);
    addStaff('chen.jing', '陈静', ['counter']);
    addStaff('lin.feng', '林峰', ['counter']);
    // Someone with the key edits the log with a SQLite shell, bypassing the app.
    const raw = openKeyed();
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET staff_login = 'nobody' WHERE seq = 1");
    raw.close();
    const verify = admin(['verify']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('audit chain: BROKEN at entry 1');
  });

  it('uses a key file when no passphrase is given', () => {
    expect(admin(['init'], {}).code).toBe(0);
    expect(readKeyFile(files.keyFile)).toHaveLength(32);
    expect(addStaff('he.li', '何丽', ['complaints'], {}).code).toBe(0);
    const otherKey = path.join(dir, 'other.key');
    fs.writeFileSync(otherKey, 'ab'.repeat(32));
    const wrong = admin(['verify', '--key-file', otherKey], {});
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('the database key does not match');
  });

  it('opens a store whose keychain entry is lost with the recovery key shown at first run, and refuses a mistyped one', () => {
    // A desktop store: its key lived only in the OS keychain, which is gone; what is left is the printed recovery key.
    admin(['init'], {});
    addStaff('he.li', '何丽', ['complaints'], {});
    const recoveryKey = encodeRecoveryKey(readKeyFile(files.keyFile));
    fs.rmSync(files.keyFile);
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const list = admin(['staff', 'list', '--json', '--recovery-key', typed], {});
    expect(list.code).toBe(0);
    expect(staffIn(list.stdout).map((s) => s.login)).toEqual(['he.li']);
    expect(admin(['verify', '--recovery-key', recoveryKey], {}).code).toBe(0);

    const typo = admin(['verify', '--recovery-key', recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))], {});
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('not a BranchDesk recovery key');
    const otherStores = admin(['verify', '--recovery-key', encodeRecoveryKey(crypto.randomBytes(32))], {});
    expect(otherStores.code).toBe(1);
    expect(otherStores.stderr).toContain('the database key does not match');
    const rekey = admin(['rekey', '--recovery-key', recoveryKey], {});
    expect(rekey.code).toBe(1);
    expect(rekey.stderr).toContain('not rekeyed from the command line');
  });

  it('backs up while the store is open, and restores only real backups', () => {
    admin(['init']);
    addStaff('chen.jing', '陈静', ['counter']);
    const backupFile = path.join(dir, 'backup.bdk');
    // The app holds the store open (WAL with unflushed pages) while the backup runs.
    const running = openKeyed();
    running.pragma('journal_mode = WAL');
    running.pragma('wal_autocheckpoint = 0');
    running.prepare("INSERT INTO device_state (key, value) VALUES ('probe', 'written-while-open')").run();
    expect(fs.statSync(`${files.database}-wal`).size).toBeGreaterThan(0);
    const backedUp = admin(['backup', '--out', backupFile]);
    running.close();
    expect(backedUp.code).toBe(0);
    expect(fs.readFileSync(backupFile).includes(Buffer.from('陈静'))).toBe(false);

    addStaff('lin.feng', '林峰', ['counter']);
    const notBackup = path.join(dir, 'notes.txt');
    fs.writeFileSync(notBackup, 'this is not a database');
    const refused = admin(['restore', '--from', notBackup]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a usable BranchDesk backup');

    const plain = path.join(dir, 'plain.db');
    const plainDb = new Database(plain);
    plainDb.exec('CREATE TABLE t (x)');
    plainDb.close();
    expect(admin(['restore', '--from', plain]).code).toBe(1);

    const restored = admin(['restore', '--from', backupFile, '--json']);
    expect(restored.code).toBe(0);
    const logins = staffIn(admin(['staff', 'list', '--json']).stdout).map((s) => s.login);
    expect(logins).toEqual(['chen.jing']);
    expect(admin(['verify']).code).toBe(0);
    const check = openKeyed();
    expect(check.prepare("SELECT value FROM device_state WHERE key = 'probe'").get()).toEqual({ value: 'written-while-open' });
    check.close();
  });

  it('changes the key with the data intact, and the old passphrase stops working', () => {
    admin(['init']);
    addStaff('chen.jing', '陈静', ['counter']);
    const next = { BRANCHDESK_PASSPHRASE: PASS.BRANCHDESK_PASSPHRASE, BRANCHDESK_NEW_PASSPHRASE: 'a brand new passphrase' };
    expect(admin(['rekey'], next).code).toBe(0);
    expect(admin(['staff', 'list'], PASS).stderr).toContain('the database key does not match');
    const after = admin(['staff', 'list', '--json'], { BRANCHDESK_PASSPHRASE: 'a brand new passphrase' });
    expect(staffIn(after.stdout)[0]?.login).toBe('chen.jing');
    expect(admin(['verify'], { BRANCHDESK_PASSPHRASE: 'a brand new passphrase' }).code).toBe(0);
  });

  it('seeds demo clients with a year of their complaints, counts every table, and exports the complaint register', () => {
    admin(['init']);
    const seeded = admin(['seed', '--clients', '120', '--seed', '77', '--json']);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ clients: 120, firstClientNo: '90000770000001', lastClientNo: '90000770000120' });
    expect(seeded.stderr).toContain('120 / 120');
    const stats = JSON.parse(admin(['stats', '--json']).stdout) as { tables: Record<string, number> };
    // Eight relationship managers and a complaint officer; a case for every 25 clients, each with its history.
    expect(stats.tables).toMatchObject({ clients: 120, client_search: 120, staff: 9, complaints: 5 });
    expect(stats.tables.client_monthly_assets).toBeGreaterThan(1000);
    expect(stats.tables.complaint_events).toBeGreaterThan(5);

    const out = path.join(dir, 'register.csv');
    // Every case (the last may be dated tomorrow in UTC: the branch's day is Beijing's).
    const exported = admin([
      'complaints',
      'export',
      '--from',
      '2000-01-01',
      '--to',
      '2099-12-31',
      '--format',
      'csv',
      '--out',
      out,
      '--json',
    ]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ rows: 5 });
    const lines = fs
      .readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]?.split(',')).toEqual(REGISTER_COLUMNS.map(([name]) => name));
    expect(lines).toHaveLength(6);
    // Names masked: a complainant shows as a surname and stars.
    for (const line of lines.slice(1)) expect(line.split(',')[6]).toMatch(/^.\*+$/u);
    expect(admin(['complaints', 'export', '--from', '2099-12-31', '--to', '2000-01-01', '--format', 'csv', '--out', out]).code).toBe(1);
    const bad = admin(['seed', '--clients', 'many']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the number of clients must be');
  });

  it('imports client master data from a CSV and reports the rows it refused', () => {
    admin(['init']);
    const file = path.join(dir, '客户.csv');
    fs.writeFileSync(
      file,
      [
        '客户号,姓名,证件号码,手机号',
        '620100000001,陈美玲,310115198504121236,13812345678',
        '620100000002,赵国庆,310115198504121231,13912345678',
      ].join('\n'),
    );
    const dry = admin(['import', 'clients', file, '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('row 3, idNumber: bad_id_checksum');
    expect(JSON.parse(admin(['stats', '--json']).stdout)).toMatchObject({ tables: { clients: 0 } });
    const real = admin(['import', 'clients', file, '--json']);
    expect(JSON.parse(real.stdout)).toMatchObject({ imported: 1, rejected: 1 });
    expect(JSON.parse(admin(['stats', '--json']).stdout)).toMatchObject({ tables: { clients: 1 } });
  });

  it('changes a key file’s key too', () => {
    admin(['init'], {});
    addStaff('chen.jing', '陈静', ['counter'], {});
    const oldKey = fs.readFileSync(files.keyFile, 'utf8');
    expect(admin(['rekey'], {}).code).toBe(0);
    expect(fs.readFileSync(files.keyFile, 'utf8')).not.toBe(oldKey);
    expect(admin(['verify'], {}).code).toBe(0);
  });
});

function staffIn(stdout: string): { login: string }[] {
  return (JSON.parse(stdout) as { staff: { login: string }[] }).staff;
}

function openKeyed() {
  const salt = Buffer.from(fs.readFileSync(files.salt, 'utf8').trim(), 'hex');
  const key = crypto.scryptSync(PASS.BRANCHDESK_PASSPHRASE, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return openRaw({ path: files.database, key });
}
