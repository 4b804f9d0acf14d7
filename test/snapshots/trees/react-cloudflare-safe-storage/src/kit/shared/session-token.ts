/**
 * Clerk session-token rules that main's verifier and the backend both apply once the signature holds, and the cache of
 * tokens that passed (src/kit/README.md, "Token rules"). Pure, no imports: main and the backend run it.
 */

/** Clock skew allowed on `exp` / `nbf` / `iat`, as @clerk/backend. */
export const SKEW_SECONDS = 5;
/** Clerk's `cat` header values of session tokens (session, ignore); others are machine tokens. */
const SESSION_TOKEN_CATEGORIES: readonly string[] = ['cl_B7d4PD111AAA', 'cl_I7d4PD111III'];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Why a token's header or encoding is refused beyond `verifyToken`, or null: no `crit` (verifyToken ignores
 * it), strict UTF-8 (verifyToken decodes bad UTF-8 to U+FFFD), a session token's `cat` only (not a machine's).
 */
export function headerViolation(token: string, header: { cat?: unknown; crit?: unknown }): string | null {
  if (header.crit !== undefined) return 'crit header';
  try {
    for (const part of token.split('.').slice(0, 2)) {
      strictUtf8.decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)));
    }
  } catch {
    return 'invalid UTF-8';
  }
  const isSession = header.cat === undefined || SESSION_TOKEN_CATEGORIES.includes(header.cat as string);
  return isSession ? null : 'not a session token category';
}

/**
 * Why signed claims are refused beyond `verifyToken`, or null: `sub` / `sid` non-empty and not a machine's
 * (`mch_…`), `sts` a string; integer `exp` / `nbf` / `iat` in the Date range (else `exp: -1e13` never
 * expires). Given `nowMs`, also the times themselves, with `SKEW_SECONDS`.
 */
export function claimsViolation(claims: object, nowMs?: number): string | null {
  const values = claims as Record<string, unknown>;
  const { sub, sid, sts } = values;
  if (typeof sub !== 'string' || sub === '' || typeof sid !== 'string' || sid === '') return 'no sub/sid';
  if (sub.startsWith('mch_')) return 'machine token';
  if (sts !== undefined && typeof sts !== 'string') return 'invalid sts';
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = values[claim];
    if (value === undefined && claim !== 'exp') continue;
    const ms = (value as number) * 1000;
    if (!Number.isSafeInteger(value) || Math.abs(ms) > 8.64e15) return `invalid ${claim}`;
    if (nowMs === undefined) continue;
    if (claim === 'exp' ? ms <= nowMs - SKEW_SECONDS * 1000 : ms > nowMs + SKEW_SECONDS * 1000) return `${claim} out of range`;
  }
  return null;
}

/**
 * Tokens that passed every check, keyed by the exact token string, used strictly before `expiresAtMs`.
 * At most `maxEntries`: when full, expired entries go first, then the oldest. No timers.
 */
export function createVerifiedTokens<T>(maxEntries = 4096, now: () => number = () => Date.now()) {
  const entries = new Map<string, { value: T; expiresAtMs: number }>();
  return {
    get(token: string): T | undefined {
      const entry = entries.get(token);
      if (entry && now() < entry.expiresAtMs) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token: string, value: T, expiresAtMs: number): void {
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
