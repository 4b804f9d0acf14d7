import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

import { createUpdateService, setUpdateService, updaterAvailability, type UpdaterLike, updateService, type UpdateStatus, watchUpdates } from '../../src/kit/main/updates';

/** electron-updater's autoUpdater as the service sees it: an emitter with a scripted check. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs = 0;
  /** What the next check does, like the real one: emits its events, then resolves (or rejects). */
  nextCheck: (updater: FakeUpdater) => Promise<void> = async (updater) => {
    updater.emit('checking-for-update');
    updater.emit('update-not-available', { version: '1.0.0' });
  };
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.nextCheck(this);
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
}

function setup() {
  const updater = new FakeUpdater();
  const lines: string[] = [];
  const service = createUpdateService({ updater, log: (line) => lines.push(line) });
  return { updater, service, lines };
}

describe('update service', () => {
  it('downloads automatically and installs when the app quits', () => {
    const { updater } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('reports up to date after a check that finds nothing', async () => {
    const { service } = setup();
    expect(service.status()).toEqual({ state: 'idle' });
    expect(await service.check()).toEqual({ state: 'up-to-date', version: '1.0.0' });
  });

  it('goes checking → downloading → ready, then installs on request', async () => {
    const { updater, service, lines } = setup();
    const seen: UpdateStatus[] = [];
    service.subscribe((status) => seen.push(status));
    updater.nextCheck = async (u) => {
      u.emit('checking-for-update');
      u.emit('update-available', { version: '2.0.0' });
    };
    expect(await service.check()).toEqual({ state: 'downloading', version: '2.0.0' });
    expect(service.install()).toBe(false); // nothing downloaded yet
    updater.emit('update-downloaded', { version: '2.0.0' });
    expect(seen.map((s) => s.state)).toEqual(['checking', 'downloading', 'ready']);
    expect(lines).toEqual(['[updates] 2.0.0 downloaded: installs on restart']);
    expect(service.install()).toBe(true);
    expect(updater.installs).toBe(1);
  });

  it('does not start a second check while one is under way or an update is ready', async () => {
    const { updater, service } = setup();
    let finish!: () => void;
    updater.nextCheck = (u) => {
      u.emit('checking-for-update');
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const first = service.check();
    expect(await service.check()).toEqual({ state: 'checking' });
    expect(updater.checks).toBe(1);
    updater.emit('update-available', { version: '2.0.0' });
    updater.emit('update-downloaded', { version: '2.0.0' });
    finish();
    await first;
    await service.check();
    expect(updater.checks).toBe(1);
  });

  it('turns a failed check into an error status and can check again', async () => {
    const { updater, service } = setup();
    updater.nextCheck = async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    };
    expect(await service.check()).toEqual({ state: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
    updater.nextCheck = async (u) => {
      u.emit('update-not-available', { version: '1.0.0' });
    };
    expect((await service.check()).state).toBe('up-to-date');
  });

  it('is off with exactly one log line when there is no updater', async () => {
    const lines: string[] = [];
    const service = createUpdateService({ updater: null, reason: 'development build', log: (line) => lines.push(line) });
    expect(await service.check()).toEqual({ state: 'disabled', reason: 'development build' });
    expect(service.install()).toBe(false);
    expect(lines).toEqual(['[updates] off: development build']);
  });

  it('watch: yields the current status, then every change, and stops on abort without timers', async () => {
    vi.useFakeTimers();
    try {
      const { updater, service } = setup();
      const controller = new AbortController();
      const watched = service.watch(controller.signal);
      expect((await watched.next()).value).toEqual({ state: 'idle' });
      expect(vi.getTimerCount()).toBe(0);
      const next = watched.next();
      updater.emit('update-downloaded', { version: '2.0.0' });
      expect((await next).value).toEqual({ state: 'ready', version: '2.0.0' });
      const ended = watched.next();
      controller.abort();
      expect((await ended).done).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('before main starts it (and in tests) the procedures see a disabled service', () => {
    expect(updateService().status()).toEqual({ state: 'disabled', reason: 'not started' });
  });

  it('a window that subscribed before the service started follows the started one', async () => {
    const controller = new AbortController();
    const watched = watchUpdates(controller.signal);
    expect((await watched.next()).value).toEqual({ state: 'disabled', reason: 'not started' });
    const next = watched.next();
    const { updater, service } = setup();
    setUpdateService(service);
    expect((await next).value).toEqual({ state: 'idle' });
    const ready = watched.next();
    updater.emit('update-downloaded', { version: '2.0.0' });
    expect((await ready).value).toEqual({ state: 'ready', version: '2.0.0' });
    const ended = watched.next();
    controller.abort();
    expect((await ended).done).toBe(true);
  });
});

describe('updaterAvailability', () => {
  it('is on only in packaged builds that carry a publish target', () => {
    expect(updaterAvailability({ isPackaged: false, hasUpdateConfig: true, env: {} })).toEqual({
      enabled: false,
      reason: 'development build',
    });
    expect(updaterAvailability({ isPackaged: true, hasUpdateConfig: false, env: {} })).toMatchObject({ enabled: false });
    expect(updaterAvailability({ isPackaged: true, hasUpdateConfig: true, env: {} })).toEqual({ enabled: true });
    expect(updaterAvailability({ isPackaged: true, hasUpdateConfig: true, env: { APP_DISABLE_AUTO_UPDATE: '1' } })).toMatchObject(
      {
        enabled: false,
      },
    );
  });
});
