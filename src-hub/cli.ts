import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src-shared/domain/clock';
import { openHubDb, type HubDb } from './db';
import { startHubServer } from './server';
import { HubError, HubService } from './service';
import { runImport } from './import-cli';
import { resolveHubKey } from './store-key';

const USAGE = `usage: npm run hub -- [command] [--data-dir DIR] [--database-url postgres://…] [--json]
  serve (default) [--port 8787] [--host 127.0.0.1] [--tls-cert FILE --tls-key FILE]
                                   run the hub; HTTPS when given a certificate and key
  enroll --branch B [--name N] [--ttl-hours 72]
                                   print a one-time enrollment code for a workstation of branch B
  branches                         list branches with their device counts
  devices [--branch B]             list enrolled devices, with refusals recorded against each
  audit-check [--branch B]         each device's anchored audit head and what the hub recorded (exit 1 if any is flagged)
  audit-accept DEVICE --reason R   after looking into a flagged device: let its audit log start again (on record)
  revoke-device ID                 refuse this device's token from now on
  revoke-branch B                  refuse every device of the branch from now on
  import --branch B --kind K FILE.csv [--dry-run] [--name N]
                                   append head office's master data to branch B's feed; K is one of
                                   clients|balances|transactions|deposits|holdings|staff. Bad rows are listed
                                   and left out; the good ones go in one transaction. --name creates the branch.
                                   Exit 0: all rows imported; 3: some rows rejected (the rest imported); 1: error
Without --database-url (or HUB_DATABASE_URL) the hub keeps its data in DIR/hub.sqlite (default ./hub-data), encrypted
with a key from HUB_PASSPHRASE, else --key-file FILE (or HUB_KEY_FILE), else a key file made on first start under
~/.config/branchdesk-hub/keys/ — never inside the data folder. A PostgreSQL address other than this machine must ask
for TLS (?sslmode=verify-full). HUB_DATABASE_SCHEMA picks a PostgreSQL schema other than the default search path.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: 'hub-data' },
      'database-url': { type: 'string' },
      'key-file': { type: 'string' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      branch: { type: 'string' },
      name: { type: 'string' },
      'ttl-hours': { type: 'string', default: '72' },
      kind: { type: 'string' },
      reason: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command = 'serve', arg] = positionals;
  const out = (result: unknown, lines: string[]) => console.log(values.json ? JSON.stringify(result) : lines.join('\n'));
  const databaseUrl = values['database-url'] ?? process.env.HUB_DATABASE_URL;
  const schema = process.env.HUB_DATABASE_SCHEMA;
  const dataDir = path.resolve(values['data-dir']);
  const hub = await openHubDb(
    databaseUrl
      ? { databaseUrl, ...(schema ? { schema } : {}) }
      : { dataDir, key: resolveHubKey({ dataDir, keyFile: values['key-file'], env: process.env }).key },
  );
  if (command === 'serve') return serve(hub, values);
  const service = new HubService(hub, systemClock);
  try {
    switch (command) {
      case 'enroll': {
        if (!values.branch) throw new HubError(400, 'usage', 'enroll needs --branch B');
        if (values.name) await service.ensureBranch(values.branch, values.name);
        const ttl = Number(values['ttl-hours']);
        if (!Number.isFinite(ttl) || ttl <= 0 || ttl > 24 * 30) throw new HubError(400, 'usage', '--ttl-hours must be between 0 and 720');
        const { code, expiresAt } = await service.createEnrollmentCode(values.branch, ttl);
        out({ branch: values.branch, code, expiresAt }, [
          `Enrollment code for branch ${values.branch} (one use, until ${expiresAt}):`,
          '',
          `  ${code.replace(/(.{4})(?=.)/g, '$1-')}`,
        ]);
        return 0;
      }
      case 'branches': {
        const rows = await service.listBranches();
        out(
          rows,
          rows.length
            ? rows.map((b) => `${b.id}\t${b.name}\tdevices ${b.devices}\tchanges ${b.change_seq}${b.revoked_at ? '\tREVOKED' : ''}`)
            : ['no branches'],
        );
        return 0;
      }
      case 'devices': {
        const rows = await service.listDevices(values.branch);
        out(
          rows,
          rows.length
            ? rows.map(
                (d) =>
                  `${d.id}\t${d.branch_id}\t${d.name}\tlast seen ${d.last_seen_at ?? 'never'}` +
                  `${d.revoked_at ? '\tREVOKED' : ''}${Number(d.refusals) > 0 ? `\t${d.refusals} REFUSALS (see audit-check)` : ''}`,
              )
            : ['no devices'],
        );
        return 0;
      }
      case 'audit-check': {
        const report = await service.auditCheck(values.branch);
        const lines = report.flatMap((d) => [
          `${d.flagged ? 'FLAGGED ' : 'ok      '}${d.deviceId}\t${d.branchId}\t${d.name}\tepoch ${d.epoch}\thead ${d.head ? `${d.head.seq} at ${d.head.receivedAt}` : 'none yet'}`,
          ...d.events.map((e) => `          ${e.at}\t${e.kind}\t${JSON.stringify(e.detail)}`),
        ]);
        out(report, lines.length ? lines : ['no devices']);
        return report.some((d) => d.flagged) ? 1 : 0;
      }
      case 'audit-accept': {
        if (!arg || !values.reason || values.reason.trim().length < 4) {
          throw new HubError(400, 'usage', 'audit-accept needs a device id and --reason (what was found)');
        }
        const done = await service.acceptAuditLog(arg, values.reason.trim());
        out({ accepted: done }, [done ? `device ${arg} may sync again; its audit log starts a new epoch` : `no device ${arg}`]);
        return done ? 0 : 1;
      }
      case 'revoke-device': {
        if (!arg) throw new HubError(400, 'usage', 'revoke-device needs a device id');
        const done = await service.revokeDevice(arg);
        out({ revoked: done }, [done ? `device ${arg} revoked` : `no active device ${arg}`]);
        return done ? 0 : 1;
      }
      case 'revoke-branch': {
        if (!arg) throw new HubError(400, 'usage', 'revoke-branch needs a branch id');
        const done = await service.revokeBranch(arg);
        out({ revoked: done }, [done ? `branch ${arg} revoked` : `no active branch ${arg}`]);
        return done ? 0 : 1;
      }
      case 'import': {
        if (!values.branch || !values.kind || !arg) throw new HubError(400, 'usage', 'import needs --branch B --kind K and a CSV file');
        if (values.name) await service.ensureBranch(values.branch, values.name);
        return await runImport(hub, {
          branchId: values.branch,
          kind: values.kind,
          file: arg,
          dryRun: values['dry-run'],
          json: values.json,
        });
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } finally {
    await hub.close();
  }
}

async function serve(hub: HubDb, values: { port: string; host: string; 'tls-cert'?: string; 'tls-key'?: string }): Promise<number> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HubError(400, 'usage', `not a port: ${values.port}`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new HubError(400, 'usage', 'HTTPS needs both --tls-cert and --tls-key');
  const tls =
    values['tls-cert'] && values['tls-key']
      ? { cert: fs.readFileSync(values['tls-cert']), key: fs.readFileSync(values['tls-key']) }
      : undefined;
  const server = await startHubServer({
    hub,
    clock: systemClock,
    port,
    host: values.host,
    ...(tls ? { tls } : {}),
    onError: (error) => console.error(new Date().toISOString(), 'hub error:', error),
  });
  console.log(`BranchDesk hub listening on ${server.url} (store: ${hub.location})`);
  if (!tls && values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
    console.warn('warning: plain HTTP on a network address; serve HTTPS (--tls-cert/--tls-key) or put a TLS proxy in front');
  }
  const stop = () => {
    void server
      .close()
      .then(() => hub.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name === 'HubError' ? '' : `${error.name}: `}${error.message}` : String(error));
    process.exit(1);
  },
);
