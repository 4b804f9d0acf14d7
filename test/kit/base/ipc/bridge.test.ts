import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_REQUEST_CHANNEL, IPC_RESPONSE_CHANNEL, type MainMessage } from '../../src/kit/ipc/protocol';
import type { IpcMainLike, WebContentsLike } from '../../src/kit/ipc/main/handler';
import { createIpcBridge } from '../../src/kit/ipc/protocol';
import { createFakeElectron } from '../helpers/fake-ipc';

// Compile-time: Electron's real objects fit the seams the glue is written against.
const fitsIpcMain = (ipc: IpcMain): IpcMainLike => ipc;
const fitsWebContents = (contents: WebContents): WebContentsLike => contents;
const fitsEvent = (event: IpcMainEvent) => event.senderFrame?.origin;
void [fitsIpcMain, fitsWebContents, fitsEvent];

describe('preload IPC bridge', () => {
  it('sends on the request channel and hands listeners the message only, never the IpcRendererEvent', async () => {
    const electron = createFakeElectron();
    const win = electron.createWindow();
    const bridge = createIpcBridge(win.ipcRenderer);

    const received: unknown[][] = [];
    electron.ipcMain.on(IPC_REQUEST_CHANNEL, (event, ...args) => {
      received.push(args);
      event.senderFrame?.send(IPC_RESPONSE_CHANNEL, { type: 'stopped', id: 'x' } satisfies MainMessage);
    });
    const got = new Promise<unknown[]>((resolve) => bridge.onMessage((...args: unknown[]) => resolve(args)));
    bridge.send({ type: 'stop', id: 'x' });

    expect(await got).toEqual([{ type: 'stopped', id: 'x' }]);
    expect(received).toEqual([[{ type: 'stop', id: 'x' }, expect.stringMatching(/^[0-9a-f]{32}$/)]]);
  });

  it('tags every message with the id of its document, one id per bridge (the preload runs once per document)', () => {
    const electron = createFakeElectron();
    const win = electron.createWindow();
    const documentIds: unknown[] = [];
    electron.ipcMain.on(IPC_REQUEST_CHANNEL, (_event, _message, documentId) => documentIds.push(documentId));
    const first = createIpcBridge(win.ipcRenderer);
    const second = createIpcBridge(win.ipcRenderer);
    first.send({ type: 'stop', id: 'a' });
    first.send({ type: 'stop', id: 'b' });
    second.send({ type: 'stop', id: 'c' });
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(documentIds[0]).toBe(documentIds[1]);
        expect(documentIds[2]).not.toBe(documentIds[0]);
        resolve();
      }),
    );
  });

  it('keeps one IPC listener for all page listeners and removes it after the last unsubscribe', () => {
    const win = createFakeElectron().createWindow();
    const bridge = createIpcBridge(win.ipcRenderer);
    const listener = (): void => {};
    const offA = bridge.onMessage(listener);
    const offB = bridge.onMessage(listener);
    expect(win.rendererListenerCount(IPC_RESPONSE_CHANNEL)).toBe(1);
    offA();
    offA();
    expect(win.rendererListenerCount(IPC_RESPONSE_CHANNEL)).toBe(1);
    offB();
    expect(win.rendererListenerCount(IPC_RESPONSE_CHANNEL)).toBe(0);
  });

  it('exposes nothing but send and onMessage', () => {
    const bridge = createIpcBridge(createFakeElectron().createWindow().ipcRenderer);
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'send']);
  });
});
