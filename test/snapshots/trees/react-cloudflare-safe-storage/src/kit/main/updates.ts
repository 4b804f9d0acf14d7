/**
 * Auto-update over electron-updater: a check at start and on `updates.check`, a background download, then
 * "ready, restart" in every window (or install on quit). Off, with one log line, in development and in builds
 * without a publish target (no `resources/app-update.yml`). Public procedures: updates do not depend on the user.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { publicProcedure, router, statusUpdates } from './trpc/init';

export type UpdateStatus =
  | { state: 'disabled'; reason: string }
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'up-to-date'; version: string }
  | { state: 'downloading'; version: string }
  | { state: 'ready'; version: string }
  | { state: 'error'; message: string };

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(
    event: 'update-available' | 'update-not-available' | 'update-downloaded',
    listener: (info: { version: string }) => void,
  ): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

type UpdateServiceOptions = { updater: UpdaterLike | null; reason?: string; log?: (line: string) => void };
type UpdateService = ReturnType<typeof createUpdateService>;

const listenTo =
  <L>(set: Set<L>) =>
  (listener: L): (() => void) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createUpdateService({ updater, reason = 'not configured', log = console.log }: UpdateServiceOptions) {
  let current: UpdateStatus = updater ? { state: 'idle' } : { state: 'disabled', reason };
  const listeners = new Set<(status: UpdateStatus) => void>();

  function set(next: UpdateStatus): void {
    current = next;
    for (const listener of [...listeners]) listener(next);
  }

  if (!updater) log(`[updates] off: ${reason}`);
  else {
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('checking-for-update', () => set({ state: 'checking' }));
    updater.on('update-available', (info) => set({ state: 'downloading', version: info.version }));
    updater.on('update-not-available', (info) => set({ state: 'up-to-date', version: info.version }));
    updater.on('update-downloaded', (info) => {
      log(`[updates] ${info.version} downloaded: installs on restart`);
      set({ state: 'ready', version: info.version });
    });
    updater.on('error', (error) => {
      log(`[updates] ${errorMessage(error)}`);
      set({ state: 'error', message: errorMessage(error) });
    });
  }

  const busy = () => current.state === 'checking' || current.state === 'downloading' || current.state === 'ready';
  const subscribe = listenTo(listeners);

  return {
    status: (): UpdateStatus => current,
    /** Checks now (unless checking, downloading or ready); answers the status after it. */
    async check(): Promise<UpdateStatus> {
      if (!updater || busy()) return current;
      try {
        await updater.checkForUpdates();
      } catch (error) {
        // electron-updater also emits `error`; this covers fakes and errors thrown before it does.
        if (current.state !== 'error') set({ state: 'error', message: errorMessage(error) });
      }
      return current;
    },
    /** Quits and installs a downloaded update; false when there is none. */
    install(): boolean {
      if (!updater || current.state !== 'ready') return false;
      updater.quitAndInstall();
      return true;
    },
    subscribe,
    /** The current status, then every change, until `signal` aborts. */
    watch: (signal?: AbortSignal) => statusUpdates(() => current, subscribe, signal),
  };
}

/* The app's service, off until the app is ready; earlier watchers follow the new one. */
let service = createUpdateService({ updater: null, reason: 'not started', log: () => {} });
const changed = new Set<() => void>();
const notify = () => changed.forEach((listener) => listener());

export function setUpdateService(next: UpdateService): UpdateService {
  service = next;
  next.subscribe(() => service === next && notify());
  notify();
  return next;
}

export const updateService = (): UpdateService => service;

/** The current status, then every change, across a replacement of the service, until `signal` aborts. */
export function watchUpdates(signal?: AbortSignal): AsyncGenerator<UpdateStatus> {
  return statusUpdates(() => service.status(), listenTo(changed), signal);
}

export function updaterAvailability(input: { isPackaged: boolean; hasUpdateConfig: boolean; env: NodeJS.ProcessEnv }) {
  if (!input.isPackaged) return { enabled: false, reason: 'development build' };
  if (input.env.APP_DISABLE_AUTO_UPDATE === '1') return { enabled: false, reason: 'APP_DISABLE_AUTO_UPDATE=1' };
  if (!input.hasUpdateConfig) {
    return { enabled: false, reason: 'no publish target configured (the package has no app-update.yml; see release.yml)' };
  }
  return { enabled: true };
}

export async function startAutoUpdates(input: { isPackaged: boolean; resourcesPath: string }): Promise<void> {
  const availability = updaterAvailability({
    isPackaged: input.isPackaged,
    hasUpdateConfig: input.isPackaged && existsSync(join(input.resourcesPath, 'app-update.yml')),
    env: process.env,
  });
  let loaded: UpdateServiceOptions = { updater: null };
  if (!availability.enabled) loaded.reason = availability.reason;
  else {
    try {
      // Loaded only when it will run. A CommonJS package bundled into main: its exports may sit on `default`.
      const module = (await import('electron-updater')) as typeof import('electron-updater') & {
        default?: typeof import('electron-updater');
      };
      loaded = { updater: module.default?.autoUpdater ?? module.autoUpdater };
    } catch (error) {
      loaded.reason = `electron-updater could not load: ${errorMessage(error)}`;
    }
  }
  await setUpdateService(createUpdateService(loaded)).check();
}

export const updatesRouter = router({
  status: publicProcedure.subscription(({ signal }) => watchUpdates(signal)),
  check: publicProcedure.mutation(() => updateService().check()),
  install: publicProcedure.mutation(() => updateService().install()),
});
