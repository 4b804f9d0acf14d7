/**
 * A session token for work that main starts itself (a background sync, a call to the backend made
 * long after the renderer's last IPC call, …).
 *
 * The window's stored token (the latest VERIFIED one its renderer sent) is returned while its verified
 * expiry is comfortably far. Otherwise main asks that window's renderer for a fresh one over IPC (the renderer's
 * link answers with Clerk's `getToken()`), and waits at most `timeoutMs`. Nothing polls: a timer
 * exists only while a request is waiting for its answer.
 */
import type { SessionAuth } from '../../main/auth/verify-session';
import type { TokenRequestMessage } from '../protocol';

/**
 * The latest VERIFIED Clerk session token of each window, by window (webContents) id, with the
 * expiry the verifier read from it.
 *
 * Memory only: never persisted and never logged. Only tokens that src/kit/main/auth/verify-session.ts
 * accepted are stored (a forged token must never be handed to the backend by main's own work). A
 * window's entry is dropped when it signs out (a `null` token), navigates, reloads or is destroyed
 * (see src/kit/ipc/main/handler.ts).
 *
 * Verification is asynchronous, so tokens can finish verifying out of order. Each token takes a
 * ticket when it arrives; a verified token is stored only if nothing that arrived later was stored
 * first (a sign-out is not undone by the late verification of an older token).
 */
export interface StoredToken {
  token: string;
  /** The verified `exp` claim, in seconds. */
  exp: number;
}

export interface WindowTokens {
  /** A place in line for a token that is about to be verified (or a sign-out). */
  ticket(): number;
  /**
   * Store a window's verified token, or forget it with `null` (signed out), unless a later ticket
   * was already applied. Returns whether it was applied.
   */
  apply(windowId: number, ticket: number, value: StoredToken | null): boolean;
  /** The window's latest verified token and its expiry, or null. */
  entry(windowId: number): StoredToken | null;
  /** The window's latest verified token, or null. */
  get(windowId: number): string | null;
  delete(windowId: number): void;
}

export function createWindowTokens(): WindowTokens {
  const entries = new Map<number, { ticket: number; value: StoredToken | null }>();
  let lastTicket = 0;
  return {
    ticket: () => ++lastTicket,
    apply(windowId, ticket, value) {
      const current = entries.get(windowId);
      if (current && current.ticket > ticket) return false;
      entries.set(windowId, { ticket, value });
      return true;
    },
    entry(windowId) {
      return entries.get(windowId)?.value ?? null;
    },
    get(windowId) {
      return entries.get(windowId)?.value?.token ?? null;
    },
    delete(windowId) {
      entries.delete(windowId);
    },
  };
}

/** Token requests sent to renderers, waiting for their answers. */
export interface TokenRequests {
  /**
   * Ask a window's renderer for a token: its answer (null = signed out), or `undefined` when the
   * window cannot be reached or does not answer in time.
   */
  request(windowId: number): Promise<string | null | undefined>;
  /** An answer arrived from `windowId` (answers from another window than the one asked are ignored). */
  settle(windowId: number, requestId: number, token: string | null): void;
  /** The window is gone: its waiting requests resolve to `undefined` now. */
  cancelWindow(windowId: number): void;
}

export interface TokenRequestsOptions {
  /** Send the request to the window's renderer. Returns false when the window cannot be reached. */
  send: (windowId: number, message: TokenRequestMessage) => boolean;
  /** How long to wait for the renderer, in ms. Default 5000. */
  timeoutMs?: number;
}

export function createTokenRequests(options: TokenRequestsOptions): TokenRequests {
  const timeoutMs = options.timeoutMs ?? 5000;
  let lastRequestId = 0;
  const waiting = new Map<number, { windowId: number; resolve: (token: string | null | undefined) => void }>();

  function finish(requestId: number, token: string | null | undefined): void {
    const entry = waiting.get(requestId);
    if (!entry) return;
    waiting.delete(requestId);
    entry.resolve(token);
  }

  return {
    request(windowId) {
      const requestId = ++lastRequestId;
      return new Promise<string | null | undefined>((resolve) => {
        const timer = setTimeout(() => finish(requestId, undefined), timeoutMs);
        waiting.set(requestId, {
          windowId,
          resolve: (token) => {
            clearTimeout(timer);
            resolve(token);
          },
        });
        if (!options.send(windowId, { type: 'token-request', requestId })) finish(requestId, undefined);
      });
    },
    settle(windowId, requestId, token) {
      if (waiting.get(requestId)?.windowId === windowId) finish(requestId, token);
    },
    cancelWindow(windowId) {
      for (const [requestId, entry] of waiting) if (entry.windowId === windowId) finish(requestId, undefined);
    },
  };
}

export interface FreshTokenOptions {
  tokens: WindowTokens;
  requests: TokenRequests;
  /** Verifies a token the renderer answered with; only a verified token is stored or handed out. */
  verify: (token: string) => Promise<SessionAuth | null>;
  /** A stored token with less than this left (seconds) is refreshed first. Default 15. */
  minTimeLeftSeconds?: number;
  now?: () => number;
}

/** The verified expiry of a session, in seconds, or null when the verifier gave none. */
export function verifiedExpiry(auth: SessionAuth): number | null {
  const exp = auth.claims.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
}

/** Returns `getFreshToken(windowId)`: the stored token if fresh enough, else one asked from the renderer. */
export function createFreshTokenGetter(options: FreshTokenOptions): (windowId: number) => Promise<string | null> {
  const { tokens, requests, verify } = options;
  const minTimeLeftMs = (options.minTimeLeftSeconds ?? 15) * 1000;
  const now = options.now ?? Date.now;
  /** One question per window at a time; concurrent callers share the answer. */
  const asking = new Map<number, Promise<string | null>>();
  const timeLeftMs = (stored: StoredToken | null): number => (stored === null ? -Infinity : stored.exp * 1000 - now());

  async function ask(windowId: number): Promise<string | null> {
    const fresh = await requests.request(windowId);
    if (fresh === undefined) {
      // No answer in time: the stored token is still better than nothing while it is valid.
      const current = tokens.entry(windowId);
      return timeLeftMs(current) > 0 ? current!.token : null;
    }
    const ticket = tokens.ticket();
    if (fresh === null) {
      tokens.apply(windowId, ticket, null); // the renderer is signed out: forget the old token
      return null;
    }
    const auth = await verify(fresh).catch(() => null);
    const exp = auth === null ? null : verifiedExpiry(auth);
    if (exp === null) return null; // never hand out (or keep) a token main could not verify
    tokens.apply(windowId, ticket, { token: fresh, exp });
    return fresh;
  }

  return (windowId) => {
    const stored = tokens.entry(windowId);
    if (timeLeftMs(stored) > minTimeLeftMs) return Promise.resolve(stored!.token);

    let answer = asking.get(windowId);
    if (!answer) {
      answer = ask(windowId).finally(() => asking.delete(windowId));
      asking.set(windowId, answer);
    }
    return answer;
  };
}
