/**
 * The tRPC context of every procedure called over IPC.
 *
 * To give procedures more (a database, a backend client, settings…): add a field to `Context`,
 * add what it needs to `ContextDeps`, and fill it in `createContextFactory`. Per-call values come
 * from `call` (the calling window, its token and verified identity), shared services from `deps`.
 * Example: the remote backend client reads the calling window's token as `ctx.getFreshToken()`.
 */
import type { SessionAuth } from '../auth/verify-session';
import type { IpcCallInfo } from '../../ipc/main/handler';

export interface AppInfo {
  name: string;
  version: string;
}

export interface Context {
  /** `webContents.id` of the window that made the call. */
  windowId: number;
  /** The Clerk session JWT that came with this call; null when signed out. Never log it. */
  token: string | null;
  /** The verified identity of the caller, or null (signed out, expired or forged token). */
  auth: SessionAuth | null;
  /** A token for this window that is still valid for a while (asks the renderer if needed). */
  getFreshToken: () => Promise<string | null>;
  /** Name and version of the app (from Electron's `app` in main/index.ts; fixed values in tests). */
  app: AppInfo;
}

/** Shared services and values every context gets. */
export interface ContextDeps {
  app: AppInfo;
}

export function createContextFactory(deps: ContextDeps): (call: IpcCallInfo) => Context {
  return (call) => ({
    windowId: call.windowId,
    token: call.token,
    auth: call.auth,
    getFreshToken: call.getFreshToken,
    app: deps.app,
  });
}
