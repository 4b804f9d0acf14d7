import { describe, expect, it } from 'vitest';

import {
  decideNavigation,
  decideWindowOpen,
  isAllowedExternalUrl,
  mustCloseAfterCommit,
  type NavigationPolicy,
} from '../../src/kit/main/security/policy';
import { secureWebContents, type WebContentsLike } from '../../src/kit/main/security/enforce';

const EXTERNAL = ['clerk.com', 'clerk.test.example'];
const PACKAGED: NavigationPolicy = { appOrigins: ['my-app://renderer'], externalHosts: EXTERNAL };
const DEV: NavigationPolicy = { appOrigins: ['my-app://renderer', 'http://localhost:5173'], externalHosts: EXTERNAL };

describe('decideNavigation', () => {
  it("allows the app's own pages", () => {
    expect(decideNavigation('my-app://renderer/', PACKAGED)).toBe('allow');
    expect(decideNavigation('my-app://renderer/sign-in?redirect=1#x', PACKAGED)).toBe('allow');
    expect(decideNavigation('http://localhost:5173/index.html', DEV)).toBe('allow');
  });

  it('allows the dev server only when it is one of the origins (development)', () => {
    expect(decideNavigation('http://localhost:5173/', PACKAGED)).toBe('deny');
  });

  it.each([
    'http://localhost:5174/',
    'http://localhost.evil.com:5173/',
    'my-app://renderer.evil.com/',
    'my-app://evil/',
    'other-app://renderer/',
  ])('does not mistake look-alike origins for the app: %s', (url) => {
    expect(decideNavigation(url, DEV)).toBe('deny');
  });

  it('sends https pages of allowed hosts to the browser instead of loading them in the app', () => {
    expect(decideNavigation('https://clerk.com/docs', DEV)).toBe('open-in-browser');
    expect(decideNavigation('https://dashboard.clerk.com/', DEV)).toBe('open-in-browser');
  });

  it.each([
    'https://evil.example/?stolen=data',
    'https://clerk.com.evil.example/',
    'https://notclerk.com/',
    'https://localhost:5173/',
    'https://user:pass@clerk.com/',
  ])('refuses https pages of any other host: %s', (url) => {
    expect(decideNavigation(url, DEV)).toBe('deny');
  });

  it.each([
    'http://example.com/',
    'http://clerk.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<h1>hi</h1>',
    'about:blank',
    'not a url',
  ])('drops everything else: %s', (url) => {
    expect(decideNavigation(url, DEV)).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it('opens https links of allowed hosts in the browser', () => {
    expect(decideWindowOpen('https://clerk.com/legal/privacy', PACKAGED)).toBe('open-in-browser');
  });

  it('never opens another window for web content, nor a link to another host', () => {
    expect(decideWindowOpen('my-app://renderer/', PACKAGED)).toBe('deny');
    expect(decideWindowOpen('https://evil.example/', PACKAGED)).toBe('deny');
    expect(decideWindowOpen('http://example.com/', PACKAGED)).toBe('deny');
    expect(decideWindowOpen('file:///etc/passwd', PACKAGED)).toBe('deny');
  });
});

describe('isAllowedExternalUrl', () => {
  it('matches hosts case-insensitively, with subdomains, and nothing when the list is empty', () => {
    expect(isAllowedExternalUrl('https://CLERK.com/x', ['clerk.com'])).toBe(true);
    expect(isAllowedExternalUrl('https://a.b.clerk.com/x', ['.clerk.com'])).toBe(true);
    expect(isAllowedExternalUrl('https://clerk.com/', [])).toBe(false);
    expect(isAllowedExternalUrl('https://clerk.com/', [''])).toBe(false);
  });
});

describe('mustCloseAfterCommit', () => {
  it('keeps app pages, DevTools and error pages', () => {
    expect(mustCloseAfterCommit('my-app://renderer/', PACKAGED.appOrigins)).toBe(false);
    expect(mustCloseAfterCommit('devtools://devtools/bundled/inspector.html', PACKAGED.appOrigins)).toBe(false);
    expect(mustCloseAfterCommit('chrome-error://chromewebdata/', PACKAGED.appOrigins)).toBe(false);
  });

  it('closes a window whose main frame committed any other page', () => {
    expect(mustCloseAfterCommit('https://evil.example/', PACKAGED.appOrigins)).toBe(true);
    expect(mustCloseAfterCommit('http://localhost:5173/', PACKAGED.appOrigins)).toBe(true);
    expect(mustCloseAfterCommit('about:blank', PACKAGED.appOrigins)).toBe(true);
  });
});

describe('secureWebContents', () => {
  type Handler = (...args: any[]) => void;
  function fakeContents() {
    const handlers = new Map<string, Handler>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    let closed = 0;
    const contents = {
      on: (event: string, handler: Handler) => handlers.set(event, handler),
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
      close: () => void closed++,
    } as unknown as WebContentsLike;
    return { contents, handlers, open: (url: string) => openHandler!({ url }), closed: () => closed };
  }

  function setUp() {
    const fake = fakeContents();
    const opened: string[] = [];
    const logs: string[] = [];
    secureWebContents(fake.contents, PACKAGED, {
      openExternal: async (url) => void opened.push(url),
      log: (line) => logs.push(line),
    });
    return { ...fake, opened, logs };
  }

  function navigate(handler: Handler, url: string): boolean {
    let prevented = false;
    handler({ url, isMainFrame: true, preventDefault: () => (prevented = true) });
    return prevented;
  }

  it('opens allowed external links in the browser and nothing else', () => {
    const { handlers, open, opened, logs } = setUp();
    expect(navigate(handlers.get('will-navigate')!, 'https://clerk.com/docs')).toBe(true);
    expect(navigate(handlers.get('will-navigate')!, 'https://evil.example/?data=secret')).toBe(true);
    expect(open('https://evil.example/x')).toEqual({ action: 'deny' });
    expect(open('https://clerk.com/legal')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://clerk.com/docs', 'https://clerk.com/legal']);
    expect(logs.filter((line) => line.startsWith('Blocked'))).toHaveLength(2);
    expect(logs.join('\n')).not.toContain('secret');
  });

  it("lets the app's own navigations through", () => {
    const { handlers, opened } = setUp();
    expect(navigate(handlers.get('will-navigate')!, 'my-app://renderer/settings')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('closes the window when its main frame commits a page outside the app', () => {
    const { handlers, closed } = setUp();
    handlers.get('did-navigate')!({}, 'my-app://renderer/');
    expect(closed()).toBe(0);
    handlers.get('did-navigate')!({}, 'https://evil.example/');
    expect(closed()).toBe(1);
  });

  it('refuses <webview> tags', () => {
    const { handlers } = setUp();
    let prevented = false;
    handlers.get('will-attach-webview')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
