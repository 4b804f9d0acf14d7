/**
 * The latest Clerk session token each window sent, by window (webContents) id.
 *
 * Memory only: never persisted and never logged. A window's entry is dropped when it signs out
 * (sends `token: null`), navigates, reloads or is destroyed (see src/main/ipc/handler.ts).
 */
export interface WindowTokens {
  /** Remember a window's latest token; `null` forgets it (signed out). */
  set(windowId: number, token: string | null): void;
  /** The window's latest token, or null. */
  get(windowId: number): string | null;
  delete(windowId: number): void;
}

export function createWindowTokens(): WindowTokens {
  const tokens = new Map<number, string>();
  return {
    set(windowId, token) {
      if (token === null) tokens.delete(windowId);
      else tokens.set(windowId, token);
    },
    get(windowId) {
      return tokens.get(windowId) ?? null;
    },
    delete(windowId) {
      tokens.delete(windowId);
    },
  };
}
