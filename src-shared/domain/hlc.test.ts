import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, receiveHlc, tickHlc } from './hlc';
import { uuidv7 } from './ids';

const dev = 'device-a';

describe('the hybrid logical clock', () => {
  it('sorts as text in causal order, across widths of millis and counters', () => {
    const stamps = [
      { millis: 9, counter: 0, device: dev },
      { millis: 10, counter: 0, device: dev },
      { millis: 10, counter: 15, device: dev },
      { millis: 10, counter: 16, device: dev },
      { millis: 1_800_000_000_000, counter: 0, device: dev },
    ].map(encodeHlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(decodeHlc(stamps[3]!)).toEqual({ millis: 10, counter: 16, device: dev });
  });

  it('never runs backwards when the wall clock is set back', () => {
    const a = tickHlc({ millis: 1000, counter: 0, device: dev }, 1000);
    const b = tickHlc(a, 500);
    expect(compareHlc(encodeHlc(b), encodeHlc(a))).toBe(1);
  });

  it('orders a local event after a received remote one, even from a clock ahead of ours', () => {
    const local = { millis: 1000, counter: 3, device: dev };
    const remote = { millis: 5000, counter: 7, device: 'device-b' };
    const next = receiveHlc(local, remote, 1200);
    expect(next).toEqual({ millis: 5000, counter: 8, device: dev });
    expect(encodeHlc(tickHlc(next, 1300)) > encodeHlc(remote)).toBe(true);
  });

  it('breaks ties between devices by device id', () => {
    expect(compareHlc(encodeHlc({ millis: 1, counter: 0, device: 'a' }), encodeHlc({ millis: 1, counter: 0, device: 'b' }))).toBe(-1);
  });
});

describe('UUIDv7 ids', () => {
  it('carry the creation time, version 7 and the RFC variant, and sort by time', () => {
    const zeros = (b: Uint8Array) => b.fill(0);
    const early = uuidv7(Date.parse('2026-01-01T00:00:00Z'), zeros);
    const late = uuidv7(Date.parse('2026-01-01T00:00:00.001Z'), zeros);
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(early < late).toBe(true);
    expect(parseInt(early.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });
});
