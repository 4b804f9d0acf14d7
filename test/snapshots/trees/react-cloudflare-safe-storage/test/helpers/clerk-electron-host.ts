/**
 * Just enough of Electron's main-process API for the REAL @clerk/electron bridge to register its
 * IPC handlers on (test/helpers/electron-stub.ts throws on every use, on purpose). Use it as
 *   vi.mock('electron', async () => (await import('../helpers/clerk-electron-host')).electronForClerk);
 * and read what Clerk registered from `clerkIpc.handlers`; the test and the mock share this module.
 */
type Listener = (event: any, ...args: any[]) => unknown;

const handlers = new Map<string, Listener>();

const ipcMain = {
  handle(channel: string, listener: Listener) {
    // Electron's own rule: one handler per channel.
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    handlers.delete(channel);
  },
};

const app = {
  hasSingleInstanceLock: () => true,
  requestSingleInstanceLock: () => true,
  releaseSingleInstanceLock: () => {},
  setAsDefaultProtocolClient: () => true,
  on: () => app,
  removeListener: () => app,
  quit: () => {},
  userAgentFallback: 'test',
};

export const clerkIpc = { handlers, ipcMain };

export const electronForClerk = {
  ipcMain,
  app,
  protocol: { registerSchemesAsPrivileged: () => {} },
  shell: { openExternal: async () => {} },
  BrowserWindow: { fromWebContents: () => null },
};
