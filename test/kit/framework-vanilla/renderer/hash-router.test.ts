import { describe, expect, it, vi } from 'vitest';

import { createHashRouter } from '../../src/renderer/src/lib/hash-router';

function pageAt(hash: string) {
  return Object.assign(new EventTarget(), { location: { hash } });
}

describe('the hash router', () => {
  it('reads the route from the hash, as windows are opened on one', () => {
    const page = pageAt('#/notes');
    const router = createHashRouter(['/', '/notes'], page);
    expect(router.current()).toBe('/notes');
    for (const [hash, route] of [
      ['', '/'],
      ['#/', '/'],
      ['#/notes/', '/notes'],
      ['#/notes?tab=all', '/notes'],
    ]) {
      page.location.hash = hash!;
      expect(router.current()).toBe(route);
    }
  });

  it('shows the first route for one the app does not have', () => {
    const router = createHashRouter(['/', '/notes'], pageAt('#/settings'));
    expect(router.current()).toBe('/');
  });

  it('tells its listeners when the hash changes, until they unsubscribe', () => {
    const page = pageAt('#/');
    const router = createHashRouter(['/', '/notes'], page);
    const listener = vi.fn();
    const unsubscribe = router.subscribe(listener);
    page.dispatchEvent(new Event('hashchange'));
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    page.dispatchEvent(new Event('hashchange'));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
