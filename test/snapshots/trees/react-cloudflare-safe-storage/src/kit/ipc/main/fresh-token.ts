/**
 * A session token for work main starts itself (a sync, a backend call long after the renderer's last one): the window's
 * latest verified token while it has time left, else a fresh one asked from its renderer (Clerk's `getToken()`). Nothing polls.
 */
import type { SessionAuth } from '../../main/auth/verify-session';
import type { MainMessage } from '../protocol';

/** A verified token and the `exp` claim (seconds) the verifier read from it. */
export type StoredToken = { token: string; exp: number };

/**
 * The latest VERIFIED token of each window (main must never hand a forged one to the backend), in memory only. A token
 * is stored only if nothing that arrived after it (a later ticket) was stored first: a sign-out is not undone by an
 * older token verified late.
 */
export function createWindowTokens() {
  const entries = new Map<number, { ticket: number; value: StoredToken | null }>();
  let lastTicket = 0;
  return {
    ticket: (): number => ++lastTicket,
    /** Stores a token with its verified `exp` (none: expired), or forgets with `null`; an unverified one changes nothing. */
    record(windowId: number, ticket: number, token: string | null, auth: SessionAuth | null): boolean {
      if ((token !== null && !auth) || (entries.get(windowId)?.ticket ?? 0) > ticket) return false;
      entries.set(windowId, { ticket, value: token !== null && auth ? { token, exp: auth.claims.exp ?? 0 } : null });
      return true;
    },
    entry: (windowId: number): StoredToken | null => entries.get(windowId)?.value ?? null,
    get: (windowId: number): string | null => entries.get(windowId)?.value?.token ?? null,
    delete: (windowId: number): void => void entries.delete(windowId),
  };
}
export type WindowTokens = ReturnType<typeof createWindowTokens>;

/** Token requests sent to renderers, waiting for their answers. */
export function createTokenRequests(options: {
  /** Returns false when the window cannot be reached. */
  send: (windowId: number, message: MainMessage & { type: 'token-request' }) => boolean;
  timeoutMs?: number;
}) {
  let lastRequestId = 0;
  const waiting = new Map<number, { windowId: number; resolve: (token: string | null | undefined) => void }>();
  const finish = (requestId: number, token: string | null | undefined): void => {
    waiting.get(requestId)?.resolve(token);
    waiting.delete(requestId);
  };
  return {
    /** The renderer's answer (null: signed out), or `undefined` when it cannot be reached or is too slow. */
    request(windowId: number): Promise<string | null | undefined> {
      const requestId = ++lastRequestId;
      return new Promise((resolve) => {
        const timer = setTimeout(() => finish(requestId, undefined), options.timeoutMs ?? 5000);
        waiting.set(requestId, { windowId, resolve: (token) => (clearTimeout(timer), resolve(token)) });
        if (!options.send(windowId, { type: 'token-request', requestId })) finish(requestId, undefined);
      });
    },
    /** An answer from `windowId` (one from another window than the one asked is ignored). */
    settle(windowId: number, requestId: number, token: string | null): void {
      if (waiting.get(requestId)?.windowId === windowId) finish(requestId, token);
    },
    /** The window is gone: its waiting requests resolve to `undefined` now. */
    cancelWindow(windowId: number): void {
      for (const [requestId, entry] of waiting) if (entry.windowId === windowId) finish(requestId, undefined);
    },
  };
}
export type TokenRequests = ReturnType<typeof createTokenRequests>;

/** Returns `getFreshToken(windowId)`: the stored token if fresh enough, else one asked from the renderer. */
export function createFreshTokenGetter(options: {
  tokens: WindowTokens;
  requests: TokenRequests;
  /** Only a token this verifies is stored or handed out. */
  verify: (token: string) => Promise<SessionAuth | null>;
  /** A stored token with less than this left is refreshed first. Default 15. */
  minTimeLeftSeconds?: number;
  now?: () => number;
}): (windowId: number) => Promise<string | null> {
  const { tokens, requests, verify, now = Date.now } = options;
  /** One question per window at a time; concurrent callers share the answer. */
  const asking = new Map<number, Promise<string | null>>();
  const timeLeftMs = (stored: StoredToken | null): number => (stored === null ? -Infinity : stored.exp * 1000 - now());

  async function ask(windowId: number): Promise<string | null> {
    const fresh = await requests.request(windowId);
    if (fresh === undefined) {
      // No answer: the stored token is still better than nothing while it is valid.
      const current = tokens.entry(windowId);
      return timeLeftMs(current) > 0 ? current!.token : null;
    }
    const ticket = tokens.ticket();
    const auth = fresh === null ? null : await verify(fresh).catch(() => null);
    // Signed out: forget the old token. Unverified: never hand it out nor keep it.
    tokens.record(windowId, ticket, fresh, auth);
    return auth ? fresh : null;
  }

  return (windowId) => {
    const stored = tokens.entry(windowId);
    if (timeLeftMs(stored) > (options.minTimeLeftSeconds ?? 15) * 1000) return Promise.resolve(stored!.token);
    if (!asking.has(windowId))
      asking.set(
        windowId,
        ask(windowId).finally(() => asking.delete(windowId)),
      );
    return asking.get(windowId)!;
  };
}
