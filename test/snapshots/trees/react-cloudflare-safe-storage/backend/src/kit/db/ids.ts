/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter (it orders a millisecond's ids, also when the clock
 * steps back; on Workers within an isolate), 62 random bits. Later ids sort after earlier ones as strings, so "newest
 * first" is `ORDER BY id DESC` and a page cursor is the last id seen; ownership is still checked on every query.
 */
export function createUuidV7(
  clock: () => number = Date.now,
  randomBytes: (size: number) => Uint8Array = (size) => crypto.getRandomValues(new Uint8Array(size)),
): () => string {
  let lastMs = -1;
  let counter = 0;
  return () => {
    let ms = Math.max(clock(), lastMs);
    counter = ms > lastMs ? 0 : counter + 1;
    // 4096 ids in one millisecond: borrow the next one.
    if (counter > 0xfff) [ms, counter] = [ms + 1, 0];
    lastMs = ms;

    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(ms) << 16n); // 48 bits of milliseconds
    bytes[6] = 0x70 | (counter >> 8); // version 7, counter high bits
    bytes[7] = counter & 0xff;
    bytes.set(randomBytes(8), 8);
    bytes[8] = 0x80 | (bytes[8]! & 0x3f); // RFC 9562 variant
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

export const uuidv7 = createUuidV7();
