/**
 * A small hash router: the route is the URL's hash (`#/notes`), the way main opens windows on a
 * route (src/main/windows), and links are plain `<a href="#/notes">`. A route that is not one of
 * the app's shows the first one.
 */
type HashTarget = Pick<Window, 'addEventListener' | 'removeEventListener'> & { location: Pick<Location, 'hash'> };

export interface HashRouter<Path extends string> {
  current(): Path;
  /** Calls `listener` on every change of route; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createHashRouter<Path extends string>(
  paths: readonly [Path, ...Path[]],
  target: HashTarget = window,
): HashRouter<Path> {
  return {
    current() {
      const [path = ''] = target.location.hash.slice(1).split('?');
      const route = path.replace(/(.)\/+$/, '$1'); // `/notes/` is `/notes`
      return paths.find((candidate) => candidate === route) ?? paths[0];
    },
    subscribe(listener) {
      target.addEventListener('hashchange', listener);
      return () => target.removeEventListener('hashchange', listener);
    },
  };
}
