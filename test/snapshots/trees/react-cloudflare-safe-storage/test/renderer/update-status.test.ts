import { describe, expect, it } from 'vitest';

import { canCheckForUpdates, updateStatusText } from '../../src/renderer/src/lib/update-status';

describe('the update banner words', () => {
  it('says "update ready, restart" once an update is downloaded', () => {
    expect(updateStatusText({ state: 'ready', version: '1.2.0' })).toBe('Update ready: version 1.2.0 installs when you restart.');
    expect(canCheckForUpdates({ state: 'ready', version: '1.2.0' })).toBe(false);
  });

  it('has nothing to say while updates are off or nothing happened yet', () => {
    expect(updateStatusText({ state: 'disabled', reason: 'development build' })).toBeNull();
    expect(updateStatusText({ state: 'idle' })).toBeNull();
  });

  it('lets the user check again only when no check or download is under way', () => {
    expect(canCheckForUpdates({ state: 'idle' })).toBe(true);
    expect(canCheckForUpdates({ state: 'up-to-date', version: '1.0.0' })).toBe(true);
    expect(canCheckForUpdates({ state: 'error', message: 'offline' })).toBe(true);
    expect(canCheckForUpdates({ state: 'checking' })).toBe(false);
    expect(canCheckForUpdates({ state: 'downloading', version: '1.2.0' })).toBe(false);
  });
});
