import type { Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc, type Hlc } from '../../src-shared/domain/hlc';
import type { Database } from '../store/schema';
import { deviceIdentity, readState, SYNC_STATE, writeState } from './state';

const HLC_KEY = 'hlc_last';

/**
 * This device's hybrid logical clock, the one source of every stamp it makes: a service's write, a seed or an
 * import in bulk, a restamp. Its wall time is this machine's clock corrected by the offset last measured against
 * the hub (DESIGN.md), so a clock running hours fast does not stamp edits hours into the future; and its last stamp
 * is persisted, so it never runs backwards across restarts.
 */
export class DeviceClock {
  private constructor(
    private last: Hlc,
    private readonly offsetMs: number,
    private readonly clock: Clock,
  ) {}

  static async load(trx: Transaction<Database>, clock: Clock): Promise<DeviceClock> {
    const { deviceId } = await deviceIdentity(trx, clock);
    const offset = Number((await readState(trx, SYNC_STATE.clockOffset)) ?? 0);
    const lastText = await readState(trx, HLC_KEY);
    const last = lastText ? decodeHlc(lastText) : { millis: 0, counter: 0, device: deviceId };
    return new DeviceClock(last, Number.isFinite(offset) ? offset : 0, clock);
  }

  /** The wall time stamps are made from: this clock corrected by the measured offset. */
  now(): number {
    return this.clock.now() - this.offsetMs;
  }

  /** The next stamp (kept in memory until `save`). */
  tick(): string {
    this.last = tickHlc(this.last, this.now());
    return encodeHlc(this.last);
  }

  /** Moves past a stamp received from elsewhere, so later local stamps sort after it. */
  receive(remote: string): void {
    if (remote <= encodeHlc(this.last)) return;
    this.last = receiveHlc(this.last, decodeHlc(remote), this.now());
  }

  /** Persists the last stamp, in the transaction that wrote the rows stamped with it. */
  async save(trx: Transaction<Database>): Promise<void> {
    await writeState(trx, HLC_KEY, encodeHlc(this.last));
  }
}

/** The next stamp of this device, persisted in the caller's transaction. */
export async function nextHlc(trx: Transaction<Database>, clock: Clock): Promise<string> {
  const device = await DeviceClock.load(trx, clock);
  const stamp = device.tick();
  await device.save(trx);
  return stamp;
}

/** Moves this device's clock past a stamp received from elsewhere, so later local edits sort after it. */
export async function receiveStamp(trx: Transaction<Database>, clock: Clock, remote: string): Promise<void> {
  const device = await DeviceClock.load(trx, clock);
  device.receive(remote);
  await device.save(trx);
}

/** Restarts this device's clock at a stamp (after correcting stamps made by a clock that ran fast). */
export async function resetHlc(trx: Transaction<Database>, stamp: string): Promise<void> {
  await writeState(trx, HLC_KEY, stamp);
}

/** The corrected wall time (see DeviceClock.now). */
export async function stampTime(trx: Transaction<Database>, clock: Clock): Promise<number> {
  return (await DeviceClock.load(trx, clock)).now();
}
