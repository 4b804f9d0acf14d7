import { describe, expect, it } from 'vitest';

import { createKeychainTokenStorage, type OpenKeychainEntry } from '../../src/main/storage/keychain-token-storage';
import { createFakeKeychain } from './fake-keychain';

const APP_ID = 'com.example.my-app';
const KEY = '__clerk_client_jwt';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.client-token-payload.signature';

/** One run of the app over the given keychain, as after a restart. */
function launch(openKeychain: () => Promise<OpenKeychainEntry>) {
  const logs: string[] = [];
  const storage = createKeychainTokenStorage({ service: APP_ID, openKeychain, log: (message) => logs.push(message) });
  return { storage, logs };
}

describe('keychain token storage', () => {
  it('keeps the token across launches in an entry named after the app id', async () => {
    const keychain = createFakeKeychain();
    await launch(keychain.openKeychain).storage.setItem(KEY, TOKEN);

    expect([...keychain.state.credentials]).toEqual([[`${APP_ID}/${KEY}`, TOKEN]]);
    const next = launch(keychain.openKeychain);
    expect(await next.storage.getItem(KEY)).toBe(TOKEN);
    expect(next.logs).toEqual([]);
  });

  it('answers null for a key it never stored and deletes on sign-out', async () => {
    const keychain = createFakeKeychain();
    const { storage } = launch(keychain.openKeychain);
    expect(await storage.getItem(KEY)).toBeNull();
    await storage.setItem(KEY, TOKEN);
    await storage.removeItem(KEY);
    expect(await storage.getItem(KEY)).toBeNull();
    expect(keychain.state.credentials.size).toBe(0);
  });

  it('opens the keychain once, on first use', async () => {
    const keychain = createFakeKeychain();
    const { storage } = launch(keychain.openKeychain);
    expect(keychain.state.opened).toBe(0);
    await Promise.all([storage.getItem(KEY), storage.setItem(KEY, TOKEN), storage.getItem(KEY)]);
    expect(keychain.state.opened).toBe(1);
  });

  it('asks the OS store once per key: Clerk reads its token before every request', async () => {
    const keychain = createFakeKeychain();
    await launch(keychain.openKeychain).storage.setItem(KEY, TOKEN);

    const { storage } = launch(keychain.openKeychain);
    for (let i = 0; i < 3; i += 1) expect(await storage.getItem(KEY)).toBe(TOKEN);
    for (let i = 0; i < 2; i += 1) expect(await storage.getItem('never-stored')).toBeNull();
    await storage.setItem(KEY, `${TOKEN}-refreshed`);
    expect(await storage.getItem(KEY)).toBe(`${TOKEN}-refreshed`);
    expect(keychain.state.reads).toBe(2);
  });

  it('applies operations in the order they were called', async () => {
    const { storage } = launch(createFakeKeychain().openKeychain);
    const results = await Promise.all([storage.setItem(KEY, 'a'), storage.setItem(KEY, 'b'), storage.getItem(KEY)]);
    expect(results[2]).toBe('b');
  });

  it('falls back to memory for the session when the keychain is locked, and says so once', async () => {
    const keychain = createFakeKeychain();
    keychain.state.locked = true;
    const { storage, logs } = launch(keychain.openKeychain);

    await expect(storage.getItem(KEY)).resolves.toBeNull();
    await expect(storage.setItem(KEY, TOKEN)).resolves.toBeUndefined();
    expect(await storage.getItem(KEY)).toBe(TOKEN);
    await expect(storage.removeItem(KEY)).resolves.toBeUndefined();
    expect(await storage.getItem(KEY)).toBeNull();

    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/keychain is unavailable.*locked/);
    keychain.state.locked = false;
    expect(await launch(keychain.openKeychain).storage.getItem(KEY)).toBeNull();
  });

  it('stays in memory for the rest of the session once the keychain failed', async () => {
    const keychain = createFakeKeychain();
    const { storage } = launch(keychain.openKeychain);
    keychain.state.locked = true;
    await storage.setItem(KEY, TOKEN);
    keychain.state.locked = false;
    await storage.setItem(KEY, `${TOKEN}-refreshed`);
    expect(await storage.getItem(KEY)).toBe(`${TOKEN}-refreshed`);
    expect(keychain.state.credentials.size).toBe(0);
  });

  it('falls back to memory when the native keyring cannot be loaded', async () => {
    const { storage, logs } = launch(() => Promise.reject(new Error('Cannot find module @napi-rs/keyring-linux-x64-gnu')));
    expect(await storage.getItem(KEY)).toBeNull();
    await storage.setItem(KEY, TOKEN);
    expect(await storage.getItem(KEY)).toBe(TOKEN);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/keyring-linux-x64-gnu/);
  });

  it('keeps the session going in memory when the keychain refuses a write', async () => {
    const keychain = createFakeKeychain();
    keychain.state.rejectWrites = true;
    const { storage, logs } = launch(keychain.openKeychain);
    await storage.setItem(KEY, TOKEN);
    expect(await storage.getItem(KEY)).toBe(TOKEN);
    expect(logs[0]).toMatch(/too long/);
  });

  it('treats an unreadable entry as signed out, removes it and keeps using the keychain', async () => {
    const keychain = createFakeKeychain();
    keychain.state.credentials.set(`${APP_ID}/${KEY}`, 'garbage');
    keychain.state.unreadable.add(`${APP_ID}/${KEY}`);
    const { storage, logs } = launch(keychain.openKeychain);

    expect(await storage.getItem(KEY)).toBeNull();
    expect(keychain.state.credentials.size).toBe(0);
    expect(logs).toEqual([expect.stringMatching(/could not be read and was removed/)]);

    await storage.setItem(KEY, TOKEN);
    expect(await launch(keychain.openKeychain).storage.getItem(KEY)).toBe(TOKEN);
  });

  it('treats an empty entry as signed out and removes it', async () => {
    const keychain = createFakeKeychain();
    keychain.state.credentials.set(`${APP_ID}/${KEY}`, '');
    expect(await launch(keychain.openKeychain).storage.getItem(KEY)).toBeNull();
    expect(keychain.state.credentials.size).toBe(0);
  });
});
