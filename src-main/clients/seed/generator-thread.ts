import { Worker } from 'node:worker_threads';
import type { ClientBulkWriter } from '../bulk';
import type { SeedCall, SeedWorkerData } from './worker';

// Batches asked for ahead of the one being written: the worker generates while this thread writes.
const LOOKAHEAD = 2;

/**
 * The demo archive generated on a second thread (seed/worker.ts), so that on a two-core workstation generating
 * clients (names, pinyin, ID hashes, dates) overlaps writing them. Only where the sources run as TypeScript
 * through tsx (the admin CLI, the benchmarks, the browser host): a bundle has no worker entry, and seeding
 * there stays on one thread.
 */
export class WorkerSource {
  private readonly waiting: { resolve: (calls: SeedCall[]) => void; reject: (err: unknown) => void }[] = [];
  private readonly batches: Promise<SeedCall[]>[] = [];
  private failure: Error | null = null;
  private unasked: number;

  private constructor(
    private readonly worker: Worker,
    total: number,
    private readonly chunk: number,
  ) {
    this.unasked = total;
    worker.on('message', (calls: SeedCall[]) => this.waiting.shift()?.resolve(calls));
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`the seeding worker exited (${code})`)));
    while (this.batches.length < LOOKAHEAD && this.unasked > 0) this.ask();
  }

  /** Starts generating `total` clients in batches of `chunk`; null where no worker can run TypeScript. */
  static start(data: SeedWorkerData, total: number, chunk: number): WorkerSource | null {
    if (!import.meta.url.endsWith('.ts')) return null;
    let tsx: string;
    try {
      tsx = import.meta.resolve('tsx/esm/api');
    } catch {
      return null;
    }
    const entry = new URL('./worker.ts', import.meta.url).href;
    // The worker imports TypeScript: tsx's loader is registered in it first (the parent's loader does not reach it).
    const code = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry)});`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: data });
    return new WorkerSource(worker, total, chunk);
  }

  /** The rows of the next batch of clients, in the archive's order. */
  next(): Promise<SeedCall[]> {
    const batch = this.batches.shift() ?? Promise.reject(new Error('no batch left'));
    if (this.unasked > 0) this.ask();
    return batch;
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private ask(): void {
    const n = Math.min(this.chunk, this.unasked);
    this.unasked -= n;
    const batch = new Promise<SeedCall[]>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.waiting.push({ resolve, reject });
    });
    batch.catch(() => {}); // a failure is reported by the next() that awaits it
    this.batches.push(batch);
    this.worker.postMessage(n);
  }

  private fail(err: unknown): void {
    this.failure ??= err instanceof Error ? err : new Error(String(err));
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }
}

/** Writes a batch of the worker's rows, in order. */
export function applyCalls(writer: ClientBulkWriter, calls: SeedCall[]): void {
  for (const call of calls) {
    switch (call[0]) {
      case 'client':
        writer.client(call[1], call[2], false, call[3]);
        break;
      case 'monthly':
        writer.monthly(call[1], call[2]);
        break;
      case 'assessment':
        writer.assessment(call[1]);
        break;
      case 'holding':
        writer.holding(call[1]);
        break;
      case 'deposit':
        writer.deposit(call[1]);
        break;
      case 'largeTransaction':
        writer.largeTransaction(call[1]);
        break;
      case 'contact':
        writer.contact(call[1]);
        break;
      case 'referral':
        writer.referral(call[1]);
        break;
      case 'points':
        writer.points(call[1]);
        break;
    }
  }
}
