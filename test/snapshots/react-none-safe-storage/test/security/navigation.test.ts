import { describe, expect, it } from 'vitest';

import { decideNavigation, decideWindowOpen } from '../../src/main/security/navigation';

const PACKAGED = ['my-app://renderer'];
const DEV = ['my-app://renderer', 'http://localhost:5173'];

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

  it('sends https pages to the browser instead of loading them in the app', () => {
    expect(decideNavigation('https://clerk.com/docs', DEV)).toBe('open-in-browser');
    expect(decideNavigation('https://localhost:5173/', DEV)).toBe('open-in-browser');
  });

  it.each(['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<h1>hi</h1>', 'about:blank', 'not a url'])(
    'drops everything else: %s',
    (url) => {
      expect(decideNavigation(url, DEV)).toBe('deny');
    },
  );
});

describe('decideWindowOpen', () => {
  it('opens https links in the browser', () => {
    expect(decideWindowOpen('https://clerk.com/legal/privacy')).toBe('open-in-browser');
  });

  it('never opens another app window, not even for the app itself', () => {
    expect(decideWindowOpen('my-app://renderer/')).toBe('deny');
    expect(decideWindowOpen('http://example.com/')).toBe('deny');
    expect(decideWindowOpen('file:///etc/passwd')).toBe('deny');
  });
});
