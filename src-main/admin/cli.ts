import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors';
import { systemClock } from '../../src-shared/domain/clock';
import { DEFAULT_DATA_DIR } from '../store/data-dir';
import * as commands from './commands';
import * as syncCommands from './sync-commands';
import { promptSecret } from './prompt';

const USAGE = `usage: npm run admin -- <command> [--data-dir DIR] [--key-file FILE | --recovery-key KEY] [--json]
  init                                   create the encrypted store
  staff add --login L --name N --role R… add a staff account (password: prompt or BRANCHDESK_STAFF_PASSWORD)
  staff list                             list staff accounts
  verify                                 integrity, key and audit-chain check (exit 1 on any fault)
  backup --out FILE                      encrypted, consistent copy (safe while the app runs)
  restore --from FILE                    replace the database with a checked backup (app closed)
  rekey                                  new key, data intact (BRANCHDESK_NEW_PASSPHRASE in passphrase mode)
  seed --clients N [--seed S]            deterministic demo clients (Ctrl-C cancels and keeps nothing; never on an enrolled workstation)
  demo status                            how much demo data this workstation holds
  demo remove                            remove every demo row (needed before enrolling; Ctrl-C keeps everything)
  stats                                  row count of every table
  complaints export --from D --to D --format csv|xlsx --out FILE
                                         the complaint register for cases received D to D (masked; README lists the columns)
  import clients FILE [--dry-run]        client master data from .csv/.xlsx; bad rows reported, none half-imported
  sync enroll --hub URL --code C         enroll this workstation with the head-office hub
  sync now                               push and pull now (exit 1 with the reason when the hub cannot be reached)
  sync status                            hub, branch, last success, pending changes, last error
The key comes from --recovery-key (the desktop app's, shown at its first run), else BRANCHDESK_PASSPHRASE,
else --key-file, else DIR/branchdesk.key.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      'key-file': { type: 'string' },
      'recovery-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      clients: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'dry-run': { type: 'boolean', default: false },
      hub: { type: 'string' },
      code: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const json = values.json;
  const ctx: commands.CliContext = {
    dataDir: path.resolve(values['data-dir']),
    keyFile: values['key-file'],
    recoveryKey: values['recovery-key'],
    env: process.env,
    clock: systemClock,
    out: (result, lines) => console.log(json ? JSON.stringify(result) : lines.join('\n')),
    progress: (message) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${message}   `);
      else console.error(message);
    },
    askPassword: async () => {
      const first = await promptSecret('Password for the new account: ');
      const second = await promptSecret('Repeat the password: ');
      if (first !== second) throw new AppError('VALIDATION', 'errors.validation', 'the two passwords differ');
      return first;
    },
  };
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  try {
    switch (`${command}${sub ? ` ${sub}` : ''}`) {
      case 'init':
        await commands.init(ctx);
        return 0;
      case 'staff add':
        await commands.staffAdd(ctx, { login: values.login, name: values.name, roles: values.role });
        return 0;
      case 'staff list':
        await commands.staffList(ctx);
        return 0;
      case 'verify':
        return (await commands.verify(ctx)) ? 0 : 1;
      case 'backup':
        await commands.backup(ctx, values.out);
        return 0;
      case 'restore':
        await commands.restore(ctx, values.from);
        return 0;
      case 'rekey':
        await commands.rekey(ctx);
        return 0;
      case 'seed': {
        const cancel = new AbortController();
        process.once('SIGINT', () => cancel.abort());
        await commands.seed(ctx, { clients: Number(values.clients ?? NaN), seed: Number(values.seed) }, cancel.signal);
        return 0;
      }
      case 'demo status':
        await commands.demoStatus(ctx);
        return 0;
      case 'demo remove': {
        const cancel = new AbortController();
        process.once('SIGINT', () => cancel.abort());
        await commands.demoRemove(ctx, cancel.signal);
        return 0;
      }
      case 'import clients': {
        const cancel = new AbortController();
        process.once('SIGINT', () => cancel.abort());
        // Exit 1 when any row was rejected, so a script notices; the good rows are in (or, dry run, would be).
        return (await commands.importClientsFile(ctx, positionals[2], values['dry-run'], cancel.signal)) ? 0 : 1;
      }
      case 'sync enroll':
        await syncCommands.syncEnroll(ctx, values.hub, values.code);
        return 0;
      case 'sync now': {
        const cancel = new AbortController();
        process.once('SIGINT', () => cancel.abort());
        await syncCommands.syncNow(ctx, cancel.signal);
        return 0;
      }
      case 'sync status':
        await syncCommands.syncStatus(ctx);
        return 0;
      case 'complaints export': {
        const cancel = new AbortController();
        process.once('SIGINT', () => cancel.abort());
        await commands.complaintsExport(ctx, { from: values.from, to: values.to, format: values.format, out: values.out }, cancel.signal);
        return 0;
      }
      case 'stats':
        await commands.stats(ctx);
        return 0;
      default:
        console.error(`unknown command: ${positionals.join(' ')}\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof AppError) {
      if (json) console.log(JSON.stringify({ ok: false, error: err.toShape() }));
      console.error(`BranchDesk: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
