/**
 * What this backend checks beyond @clerk/backend's `verifyToken`, to accept what main's verifier
 * accepts (src/kit/README.md, "Token rules"): no `crit` header, strict UTF-8; session tokens only
 * (not other categories nor machine subjects `mch_…`, as Clerk's `authenticateRequest`); `sub` / `sid`
 * non-empty, `sts` a string; integer `exp` / `nbf` / `iat` in the Date range (`verifyToken` makes an
 * Invalid Date of others, so `exp: -1e13` would never expire). Why a signed token is refused, or null.
 */
export function sessionRuleViolation(token: string, header: JwtHeader, claims: object): string | null {
  const values = claims as Record<string, unknown>;
  // Clerk sets no `crit` on session tokens; verifyToken ignores any, and decodes invalid UTF-8 to U+FFFD.
  if (header.crit !== undefined) return 'crit header';
  if (!isStrictUtf8(token)) return 'invalid UTF-8';
  if (header.cat !== undefined && !SESSION_TOKEN_CATEGORIES.includes(header.cat as string)) {
    return 'not a session token category';
  }
  const { sub, sid, sts } = values;
  if (!isNonEmptyString(sub) || !isNonEmptyString(sid)) return 'no sub/sid';
  if (sub.startsWith(MACHINE_SUBJECT_PREFIX)) return 'machine token';
  if (sts !== undefined && typeof sts !== 'string') return 'invalid sts';
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = values[claim];
    if ((value !== undefined || claim === 'exp') && !isDateSeconds(value)) return `invalid ${claim}`;
  }
  return null;
}

interface JwtHeader {
  cat?: unknown;
  crit?: unknown;
}

/** Clerk's `cat` header values of session tokens (session, ignore); others are machine tokens. */
const SESSION_TOKEN_CATEGORIES: readonly string[] = ['cl_B7d4PD111AAA', 'cl_I7d4PD111III'];
const MACHINE_SUBJECT_PREFIX = 'mch_';
const MAX_DATE_MS = 8.64e15;

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isDateSeconds(value: unknown): boolean {
  return Number.isSafeInteger(value) && Math.abs((value as number) * 1000) <= MAX_DATE_MS;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isStrictUtf8(token: string): boolean {
  try {
    for (const part of token.split('.').slice(0, 2)) strictDecoder.decode(base64urlBytes(part));
    return true;
  } catch {
    return false;
  }
}

function base64urlBytes(part: string): Uint8Array {
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
