/**
 * Exposes the preload's bridges, and nothing else (never `ipcRenderer` itself): Clerk's (its client token kept by main,
 * OAuth in the system browser) and `window.appTrpc`, which carries tRPC operations and their session token.
 */
import { exposeClerkBridge } from '@clerk/electron/preload';
import { contextBridge, ipcRenderer } from 'electron';

import { createIpcBridge, IPC_BRIDGE_GLOBAL } from './ipc/protocol';

exposeClerkBridge();
contextBridge.exposeInMainWorld(IPC_BRIDGE_GLOBAL, createIpcBridge(ipcRenderer));
