/**
 * The preload: runs before the page, in an isolated world, sandboxed. It exposes two narrow
 * bridges and nothing else (never `ipcRenderer` itself):
 *
 * - Clerk's (`@clerk/electron/preload`): the long-lived client token kept by main, and OAuth in
 *   the system browser;
 * - ours (`src/ipc/preload/bridge.ts`): `window.appTrpc`, which carries tRPC operations and their session token.
 *
 * Sandboxed preloads cannot `require` npm packages, so electron.vite.config.ts bundles this file and
 * its imports into one CommonJS file (out/preload/index.js).
 */
import { exposeClerkBridge } from '@clerk/electron/preload';

import { exposeIpcBridge } from '../ipc/preload/bridge';

exposeClerkBridge();
exposeIpcBridge();
