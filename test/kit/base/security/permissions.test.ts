import { describe, expect, it } from 'vitest';

import { isPermissionAllowed } from '../../src/kit/main/security/policy';

const ORIGINS = ['my-app://renderer'];

describe('isPermissionAllowed', () => {
  it('grants a listed permission to the app (request URL or bare origin)', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'my-app://renderer/index.html', ORIGINS)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'my-app://renderer', ORIGINS)).toBe(true);
  });

  it('denies permissions that are not listed', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      expect(isPermissionAllowed(permission, 'my-app://renderer/', ORIGINS)).toBe(false);
    }
  });

  it('denies listed permissions to other origins (frames, popups, look-alikes)', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://challenges.cloudflare.com/', ORIGINS)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'my-app://renderer.evil.com/', ORIGINS)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', '', ORIGINS)).toBe(false);
  });

  it('uses the list it is given', () => {
    expect(isPermissionAllowed('notifications', 'my-app://renderer/', ORIGINS, ['notifications'])).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'my-app://renderer/', ORIGINS, ['notifications'])).toBe(false);
  });
});
