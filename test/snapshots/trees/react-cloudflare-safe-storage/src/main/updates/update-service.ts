/**
 * Auto-update, as plain logic over the part of electron-updater's `autoUpdater` it uses (an
 * `UpdaterLike`), so it is tested against a fake (test/updates/update-service.test.ts). The Electron
 * glue is electron-updater.ts; main/index.ts starts it, and the renderer reaches it through the
 * `updates.*` procedures (updates-router.ts).
 *
 * - Checks once at start and whenever the user asks (`updates.check`): no timers while idle.
 * - Downloads in the background; once downloaded, every window shows "update ready, restart", and
 *   the update is also installed when the app quits.
 * - Off (one log line, every call answers `disabled`) in development and in builds without a
 *   publish target.
 */

export type UpdateStatus =
  | { state: 'disabled'; reason: string }
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'up-to-date'; version: string }
  | { state: 'downloading'; version: string }
  | { state: 'ready'; version: string }
  | { state: 'error'; message: string };

interface UpdateInfoLike {
  version: string;
}

/** The slice of electron-updater's AppUpdater this module uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

export interface UpdateServiceOptions {
  /** null: updates are off, for `reason` */
  updater: UpdaterLike | null;
  reason?: string;
  log?: (line: string) => void;
}

export interface UpdateService {
  status(): UpdateStatus;
  /** Checks now (unless a check or download is under way, or an update is ready); answers the status after it. */
  check(): Promise<UpdateStatus>;
  /** Quits and installs a downloaded update; false when there is none. */
  install(): boolean;
  /** Calls `listener` on every change of status; returns the unsubscribe function. */
  subscribe(listener: (status: UpdateStatus) => void): () => void;
  /** The current status, then every change, until `signal` aborts (for a tRPC subscription). */
  watch(signal?: AbortSignal): AsyncGenerator<UpdateStatus, void, unknown>;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createUpdateService({
  updater,
  reason = 'not configured',
  log = console.log,
}: UpdateServiceOptions): UpdateService {
  let current: UpdateStatus = updater ? { state: 'idle' } : { state: 'disabled', reason };
  const listeners = new Set<(status: UpdateStatus) => void>();

  function set(next: UpdateStatus): void {
    current = next;
    for (const listener of [...listeners]) listener(next);
  }

  if (!updater) {
    log(`[updates] off: ${reason}`);
  } else {
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

  function subscribe(listener: (status: UpdateStatus) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return {
    status: () => current,

    async check() {
      if (!updater || busy()) return current;
      try {
        await updater.checkForUpdates();
      } catch (error) {
        // electron-updater also emits `error`; this covers fakes and errors thrown before it does.
        if (current.state !== 'error') set({ state: 'error', message: errorMessage(error) });
      }
      return current;
    },

    install() {
      if (!updater || current.state !== 'ready') return false;
      updater.quitAndInstall();
      return true;
    },

    subscribe,

    async *watch(signal) {
      // Statuses that arrive while the consumer is busy are queued; the latest one always arrives.
      const queue: UpdateStatus[] = [current];
      let wake: (() => void) | null = null;
      const unsubscribe = subscribe((status) => {
        queue.push(status);
        wake?.();
      });
      const onAbort = () => wake?.();
      signal?.addEventListener('abort', onAbort);
      try {
        while (!signal?.aborted) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      } finally {
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
