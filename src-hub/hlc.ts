import type { Clock } from '../src-shared/domain/clock';
import { decodeHlc, encodeHlc, type Hlc, receiveHlc, tickHlc } from '../src-shared/domain/hlc';

/** The device id in head office's stamps (`…-0000-hub`). */
export const HUB_DEVICE = 'hub';

/**
 * Head office's hybrid logical clock, one per hub process: each change of an import gets a stamp after the last,
 * and after any earlier stamp it is shown (`observe`), so a re-import wins over the import before it even when the
 * hub's clock has stepped back in between.
 */
export class HubHlc {
  private last: Hlc = { millis: 0, counter: 0, device: HUB_DEVICE };

  constructor(private readonly clock: Clock) {}

  observe(stamp: string): void {
    const seen = decodeHlc(stamp);
    this.last = receiveHlc(this.last, seen, this.clock.now());
  }

  next(): string {
    this.last = tickHlc(this.last, this.clock.now());
    return encodeHlc(this.last);
  }
}
