/** Fills a byte array with random bytes; passed in so tests can make repeatable ids. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

export const cryptoRandom: RandomBytes = (bytes) => globalThis.crypto.getRandomValues(bytes);

/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms, version, 74 random bits. Sortable by creation time, made on the device,
 * so a row's id never needs a round trip to head office.
 */
export function uuidv7(nowMs: number, random: RandomBytes = cryptoRandom): string {
  const bytes = random(new Uint8Array(16));
  let ms = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
