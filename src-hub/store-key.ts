import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEY_BYTES, PASSPHRASE_SCRYPT } from '../src-shared/store/cipher';
import { HubError } from './service';

export interface HubKeyOptions {
  /** The folder of the hub's SQLite file. */
  dataDir: string;
  /** `--key-file` (or HUB_KEY_FILE). */
  keyFile?: string;
  env: NodeJS.ProcessEnv;
}

export interface HubKey {
  key: Buffer;
  /** Where it came from, for the start-up line (never the key itself). */
  source: string;
}

/**
 * The key of the hub's SQLite store, which holds every branch's unmasked client data: from HUB_PASSPHRASE through
 * scrypt (its salt beside the data: a salt is not a secret), else from a key file. A key kept in the same folder as
 * the data protects nothing against a copy of that folder, so the default key file lives elsewhere — under the
 * hub account's own configuration folder, created on first start with owner-only permissions — and a key file
 * given inside the data folder is refused.
 */
export function resolveHubKey(options: HubKeyOptions): HubKey {
  const dataDir = path.resolve(options.dataDir);
  const passphrase = options.env.HUB_PASSPHRASE;
  if (passphrase) {
    if (passphrase.length < PASSPHRASE_SCRYPT.minLength) {
      throw new HubError(400, 'usage', `HUB_PASSPHRASE must have at least ${PASSPHRASE_SCRYPT.minLength} characters`);
    }
    const saltFile = path.join(dataDir, 'hub.salt');
    if (!fs.existsSync(saltFile)) {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(saltFile, crypto.randomBytes(PASSPHRASE_SCRYPT.saltLength).toString('hex') + '\n', { mode: 0o600 });
    }
    const salt = Buffer.from(fs.readFileSync(saltFile, 'utf8').trim(), 'hex');
    const key = crypto.scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, PASSPHRASE_SCRYPT.cost);
    return { key, source: 'HUB_PASSPHRASE' };
  }
  const explicit = options.keyFile ?? options.env.HUB_KEY_FILE;
  const file = path.resolve(explicit ?? defaultKeyFile(dataDir, options.env));
  if (path.dirname(file) === dataDir || file.startsWith(dataDir + path.sep)) {
    throw new HubError(400, 'usage', `the key file ${file} is inside the data folder ${dataDir}: keep it elsewhere`);
  }
  if (!fs.existsSync(file)) {
    if (explicit) throw new HubError(400, 'usage', `cannot read the key file ${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, crypto.randomBytes(KEY_BYTES).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new HubError(400, 'usage', `the key file ${file} does not hold 64 hex digits`);
  return { key: Buffer.from(text, 'hex'), source: file };
}

/** One key per data folder, under the account's configuration folder: `~/.config/branchdesk-hub/keys/<id>.key`. */
function defaultKeyFile(dataDir: string, env: NodeJS.ProcessEnv): string {
  const config = env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  const id = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(config, 'branchdesk-hub', 'keys', `${id}.key`);
}
