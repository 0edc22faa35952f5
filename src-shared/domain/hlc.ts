/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock ms, a counter for events in the same ms, and the device id
 * to break ties. Encoded as fixed-width text so string order is causal order:
 * `0001732300000000-0000-<device>`.
 */
export interface Hlc {
  millis: number;
  counter: number;
  device: string;
}

const MILLIS_WIDTH = 16;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 0xffff;

export function encodeHlc(h: Hlc): string {
  return `${h.millis.toString().padStart(MILLIS_WIDTH, '0')}-${h.counter.toString(16).padStart(COUNTER_WIDTH, '0')}-${h.device}`;
}

export function decodeHlc(text: string): Hlc {
  const m = /^(\d{16})-([0-9a-f]{4})-(.+)$/.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) throw new Error(`not an HLC timestamp: ${text}`);
  return { millis: Number(m[1]), counter: parseInt(m[2], 16), device: m[3] };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Next timestamp for a local event, given the last one this device issued and its (corrected) wall time. */
export function tickHlc(last: Hlc, wallMs: number): Hlc {
  if (wallMs > last.millis) return { millis: wallMs, counter: 0, device: last.device };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, device: last.device };
  return { millis: last.millis, counter: last.counter + 1, device: last.device };
}

/** Next timestamp after receiving a remote one, so local events that follow sort after it. */
export function receiveHlc(last: Hlc, remote: Hlc, wallMs: number): Hlc {
  const millis = Math.max(last.millis, remote.millis, wallMs);
  let counter: number;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, device: last.device };
  return { millis, counter, device: last.device };
}
