/**
 * The latest VERIFIED Clerk session token of each window, by window (webContents) id, with the
 * expiry the verifier read from it.
 *
 * Memory only: never persisted and never logged. Only tokens that src/main/auth/verify-session.ts
 * accepted are stored (a forged token must never be handed to the backend by main's own work). A
 * window's entry is dropped when it signs out (a `null` token), navigates, reloads or is destroyed
 * (see src/ipc/main/handler.ts).
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
