/**
 * Whether this is a development run, without importing Electron (so tests can load the router).
 *
 * Electron sets `process.defaultApp` when it was started as `electron <folder>` (`npm run dev`,
 * `electron-vite preview`), and leaves it unset in a packaged app, which is what `app.isPackaged`
 * reports too. NODE_ENV is not used: nothing sets it in a built app.
 */
export function isDevelopmentRun(proc: { defaultApp?: boolean } = process as { defaultApp?: boolean }): boolean {
  return proc.defaultApp === true;
}
