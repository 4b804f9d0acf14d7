import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';

import { secureSession } from '../../src/kit/main/security/enforce';

type Callback = (...args: any[]) => any;

/** The part of Electron's Session that secureSession touches, recording what it registers. */
function fakeSession() {
  const registered: {
    request?: Callback;
    check?: Callback;
    headers?: { filter: { urls: string[] }; listener: Callback };
  } = {};
  const session = {
    setPermissionRequestHandler: (handler: Callback) => (registered.request = handler),
    setPermissionCheckHandler: (handler: Callback) => (registered.check = handler),
    webRequest: {
      onHeadersReceived: (filter: { urls: string[] }, listener: Callback) => (registered.headers = { filter, listener }),
    },
  };
  return { session: session as unknown as Session, registered };
}

const OPTIONS = { appOrigins: ['my-app://renderer'], contentSecurityPolicy: "default-src 'self'", devServerOrigin: null };

function requestPermission(handler: Callback, permission: string, requestingUrl: string): boolean {
  let granted: boolean | undefined;
  handler({}, permission, (answer: boolean) => (granted = answer), { requestingUrl });
  return granted!;
}

describe('secureSession', () => {
  it('answers permission requests and checks with the permission policy', () => {
    const { session, registered } = fakeSession();
    secureSession(session, OPTIONS);
    expect(requestPermission(registered.request!, 'clipboard-sanitized-write', 'my-app://renderer/')).toBe(true);
    expect(requestPermission(registered.request!, 'media', 'my-app://renderer/')).toBe(false);
    expect(requestPermission(registered.request!, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(registered.check!({}, 'clipboard-sanitized-write', 'my-app://renderer')).toBe(true);
    expect(registered.check!({}, 'geolocation', 'my-app://renderer')).toBe(false);
  });

  it('adds no header rewriting outside development (the renderer protocol sends the CSP)', () => {
    const { session, registered } = fakeSession();
    secureSession(session, OPTIONS);
    expect(registered.headers).toBeUndefined();
  });

  it("sends the CSP with the dev server's responses only, keeping their other headers", () => {
    const { session, registered } = fakeSession();
    secureSession(session, { ...OPTIONS, devServerOrigin: 'http://localhost:5173' });
    expect(registered.headers!.filter.urls).toEqual(['http://localhost:5173/*']);

    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    registered.headers!.listener(
      { url: 'http://localhost:5173/', responseHeaders: { 'Content-Type': ['text/html'] } },
      (response: typeof answer) => (answer = response),
    );
    expect(answer!.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });
});
