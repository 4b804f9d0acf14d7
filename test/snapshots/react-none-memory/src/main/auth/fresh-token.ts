/**
 * A session token for work that main starts itself (a background sync, a call to the backend made
 * long after the renderer's last IPC call, …).
 *
 * The window's stored token (the latest one its renderer sent) is returned while it has comfortably
 * long to live. Otherwise main asks that window's renderer for a fresh one over IPC (the renderer's
 * link answers with Clerk's `getToken()`), and waits at most `timeoutMs`. Nothing polls: a timer
 * exists only while a request is waiting for its answer.
 */
import type { TokenRequestMessage } from '../../shared/ipc-protocol';
import type { WindowTokens } from './window-tokens';

/**
 * The `exp` claim of a JWT in seconds, read WITHOUT verifying the signature. Only used to decide
 * whether a token is worth refreshing; identity always comes from src/main/auth/verify-session.ts.
 */
export function readTokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const exp = (json as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/** True when the token expires more than `seconds` after `nowMs`. */
export function hasTimeLeft(token: string, seconds: number, nowMs: number): boolean {
  const exp = readTokenExpiry(token);
  return exp !== null && exp * 1000 - nowMs > seconds * 1000;
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
  /** A stored token with less than this left (seconds) is refreshed first. Default 15. */
  minTimeLeftSeconds?: number;
  now?: () => number;
}

/** Returns `getFreshToken(windowId)`: the stored token if fresh enough, else one asked from the renderer. */
export function createFreshTokenGetter(options: FreshTokenOptions): (windowId: number) => Promise<string | null> {
  const { tokens, requests } = options;
  const minTimeLeft = options.minTimeLeftSeconds ?? 15;
  const now = options.now ?? Date.now;
  /** One question per window at a time; concurrent callers share the answer. */
  const asking = new Map<number, Promise<string | null>>();

  return (windowId) => {
    const stored = tokens.get(windowId);
    if (stored !== null && hasTimeLeft(stored, minTimeLeft, now())) return Promise.resolve(stored);

    let answer = asking.get(windowId);
    if (!answer) {
      answer = requests.request(windowId).then((fresh) => {
        asking.delete(windowId);
        if (fresh !== undefined) {
          tokens.set(windowId, fresh); // null: the renderer is signed out, forget the old token
          return fresh;
        }
        // No answer in time: the stored token is still better than nothing while it is valid.
        const current = tokens.get(windowId);
        return current !== null && hasTimeLeft(current, 0, now()) ? current : null;
      });
      asking.set(windowId, answer);
    }
    return answer;
  };
}
