/**
 * What `import … from 'electron'` resolves to under vitest (see vitest.config.mts). The real package
 * only exports the path of a binary that is not installed here. Tests fake Electron at the glue
 * seams instead; touching any of these throws, so an accidental dependency shows up at once.
 */
function unavailable(name: string): any {
  return new Proxy(
    {},
    {
      get(_target, property) {
        throw new Error(`electron.${name}.${String(property)} is not available in tests: fake it at the glue seam.`);
      },
    },
  );
}

export const app = unavailable('app');
export const BrowserWindow = unavailable('BrowserWindow');
export const contextBridge = unavailable('contextBridge');
export const ipcMain = unavailable('ipcMain');
export const ipcRenderer = unavailable('ipcRenderer');
export const net = unavailable('net');
export const protocol = unavailable('protocol');
export const safeStorage = unavailable('safeStorage');
export const session = unavailable('session');
export const shell = unavailable('shell');
export const webContents = unavailable('webContents');
export const utilityProcess = unavailable('utilityProcess');
export const MessageChannelMain = unavailable('MessageChannelMain');
export default {
  app,
  BrowserWindow,
  contextBridge,
  ipcMain,
  ipcRenderer,
  net,
  protocol,
  safeStorage,
  session,
  shell,
  webContents,
};
