/**
 * What `import … from 'electron'` resolves to under vitest (see vitest.config.mts): the package only
 * exports the path of its binary. Touching any of these throws: tests fake Electron at the seams.
 */
function unavailable(name: string): any {
  const fail = (_target: object, property: string | symbol) => {
    throw new Error(`electron.${name}.${String(property)} is not available in tests: fake it at the glue seam.`);
  };
  return new Proxy({}, { get: fail });
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
