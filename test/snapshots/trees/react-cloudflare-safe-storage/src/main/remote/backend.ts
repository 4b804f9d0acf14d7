/**
 * The app's connection to its backend, set up once in main/index.ts with BACKEND_URL.
 *
 * - Renderer calls reach the backend through src/main/remote/remote-router.ts with the calling
 *   window's token.
 * - Work that main starts itself (a timer, a menu item, a push message) uses `backendForWindow`,
 *   which takes a fresh token for that window (src/ipc/main/fresh-token.ts): by then the token of
 *   the window's last call may have expired.
 */
import { createBackendClients, type BackendClient, type BackendClients, type BackendClientsOptions } from './backend-client';

let clients: BackendClients | null = null;

export function connectBackend(options: BackendClientsOptions): BackendClients {
  clients = createBackendClients(options);
  return clients;
}

export function backendClients(): BackendClients {
  if (!clients) throw new Error('connectBackend() must run before the backend is called (see main/index.ts).');
  return clients;
}

/** A backend client for main's own work on behalf of a window, with a fresh token of that window. */
export async function backendForWindow(
  windowId: number,
  getFreshToken: (windowId: number) => Promise<string | null>,
): Promise<BackendClient> {
  return backendClients().forCall(windowId, await getFreshToken(windowId));
}
