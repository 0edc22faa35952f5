import { parentPort, workerData } from 'node:worker_threads';
import { ClientKeyMaker, type ClientKeys } from '../bulk';
import type { ClientDerived, ClientMaster } from '../master';
import { DemoArchive, type Manager, type SeedPolicy, type SeedSink } from './generate';

/** One row-writing call of the bulk writer, as it crosses from the generating thread to the writing one. */
export type SeedCall =
  | ['client', ClientMaster, ClientDerived, ClientKeys]
  | { [K in Exclude<keyof SeedSink, 'client'>]: [K, ...Parameters<SeedSink[K]>] }[Exclude<keyof SeedSink, 'client'>];

export interface SeedWorkerData {
  seed: number;
  todayMs: number;
  managers: Manager[];
  idKey: Uint8Array;
  policy: SeedPolicy;
}

/** Records the archive's rows in order, with each client's search terms and ID hash already computed. */
export function recordingSink(calls: SeedCall[], keys: ClientKeyMaker): SeedSink {
  return {
    client: (m, d) => calls.push(['client', m, d, keys.of(m)]),
    monthly: (...args) => calls.push(['monthly', ...args]),
    assessment: (...args) => calls.push(['assessment', ...args]),
    holding: (...args) => calls.push(['holding', ...args]),
    deposit: (...args) => calls.push(['deposit', ...args]),
    largeTransaction: (...args) => calls.push(['largeTransaction', ...args]),
    contact: (...args) => calls.push(['contact', ...args]),
    referral: (...args) => calls.push(['referral', ...args]),
    points: (...args) => calls.push(['points', ...args]),
  };
}

// The worker (see run.ts): asked for n clients, it answers with their rows.
if (parentPort) {
  const port = parentPort;
  const data = workerData as SeedWorkerData;
  const archive = new DemoArchive(data.seed, data.todayMs, data.managers, data.policy);
  const keys = new ClientKeyMaker(Buffer.from(data.idKey));
  port.on('message', (n: number) => {
    const calls: SeedCall[] = [];
    const sink = recordingSink(calls, keys);
    for (let k = 0; k < n; k++) archive.next(sink);
    port.postMessage(calls);
  });
}
