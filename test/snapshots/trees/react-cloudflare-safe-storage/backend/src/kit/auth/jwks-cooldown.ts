/**
 * Without CLERK_JWT_KEY, @clerk/backend fetches the instance's JWKS whenever a token names a key id
 * it has not cached, so forged tokens with random key ids would cost one fetch each, an anonymous
 * way to spend the instance's rate limit. This lets an unknown key id through at most once per
 * cool-down (as main's verifier does); key ids that verified once always pass.
 * A fresh process refuses a real key id for the rest of a cool-down that a forged one started:
 * set CLERK_JWT_KEY in production (no fetch at all).
 */
export const JWKS_COOLDOWN_MS = 30_000;

export interface KeyIdGate {
  /** Whether a token with this key id may be verified now (it may fetch the JWKS). */
  allows(kid: string | undefined): boolean;
  /** A token with this key id verified: its key is known from now on. */
  verified(kid: string | undefined): void;
}

export function createKeyIdGate(cooldownMs: number = JWKS_COOLDOWN_MS, now: () => number = Date.now): KeyIdGate {
  const known = new Set<string>();
  let lastUnknownAt = Number.NEGATIVE_INFINITY;
  return {
    allows(kid) {
      if (kid !== undefined && known.has(kid)) return true;
      if (now() - lastUnknownAt < cooldownMs) return false;
      lastUnknownAt = now();
      return true;
    },
    verified(kid) {
      if (kid !== undefined) known.add(kid);
    },
  };
}
