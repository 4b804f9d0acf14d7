/**
 * Tokens that passed every check, remembered until their `exp`, so a client sending the same token
 * on every request pays for one RS256 verification instead of one per request. Keyed by the exact
 * token string: any other token, even of the same user and key id, is verified in full. Only
 * successes are stored. An entry is used strictly before `exp` (verifyToken's 5 s clock skew then
 * applies to a fresh verification), and the number of entries is bounded: when full, expired
 * entries go first, then the oldest. No timers.
 */
export const MAX_VERIFIED_TOKENS = 4096;

export interface VerifiedTokens<T> {
  get(token: string): T | undefined;
  /** `expiresAtMs`: the token's `exp` in ms; a token already past it is not stored. */
  remember(token: string, value: T, expiresAtMs: number): void;
  readonly size: number;
}

export function createVerifiedTokens<T>(
  maxEntries: number = MAX_VERIFIED_TOKENS,
  now: () => number = () => Date.now(),
): VerifiedTokens<T> {
  const entries = new Map<string, { value: T; expiresAtMs: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (now() < entry.expiresAtMs) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token, value, expiresAtMs) {
      const time = now();
      if (!(time < expiresAtMs)) return;
      if (entries.size >= maxEntries) {
        for (const [key, entry] of entries) if (entry.expiresAtMs <= time) entries.delete(key);
        // Still full: drop the oldest (a Map keeps insertion order).
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      }
      entries.set(token, { value, expiresAtMs });
    },
    get size() {
      return entries.size;
    },
  };
}
