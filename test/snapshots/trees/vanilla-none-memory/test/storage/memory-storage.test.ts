import { describe, expect, it } from 'vitest';

import { createTokenStorage } from '../../src/main/storage/token-storage';

const KEY = '__clerk_client_jwt';

describe('memory token storage', () => {
  it('keeps the token while the app runs and forgets it on sign-out', async () => {
    const storage = createTokenStorage({ appId: 'com.example.my-app' });
    expect(await storage.getItem(KEY)).toBeNull();
    await storage.setItem(KEY, 'token-1');
    await storage.setItem(KEY, 'token-2');
    expect(await storage.getItem(KEY)).toBe('token-2');
    await storage.removeItem(KEY);
    expect(await storage.getItem(KEY)).toBeNull();
  });

  it('persists nothing: the next launch starts signed out', async () => {
    await createTokenStorage({ appId: 'com.example.my-app' }).setItem(KEY, 'token-1');
    expect(await createTokenStorage({ appId: 'com.example.my-app' }).getItem(KEY)).toBeNull();
  });
});
