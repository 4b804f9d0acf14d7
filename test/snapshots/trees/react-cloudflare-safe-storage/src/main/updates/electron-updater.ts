/**
 * The Electron side of auto-update: decides whether updates can run in this build and, if so,
 * hands electron-updater's `autoUpdater` to the update service (update-service.ts, tested).
 *
 * Updates run only in packaged builds that carry a publish target: electron-builder writes
 * `resources/app-update.yml` when it publishes (release.yml publishes a draft GitHub Release).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { createUpdateService, type UpdaterLike } from './update-service';
import { setUpdateService } from './updates';

export type UpdaterAvailability = { enabled: true } | { enabled: false; reason: string };

/** Pure: whether this build may update itself (tested). */
export function updaterAvailability(input: {
  isPackaged: boolean;
  hasUpdateConfig: boolean;
  env: NodeJS.ProcessEnv;
}): UpdaterAvailability {
  if (!input.isPackaged) return { enabled: false, reason: 'development build' };
  if (input.env.APP_DISABLE_AUTO_UPDATE === '1') return { enabled: false, reason: 'APP_DISABLE_AUTO_UPDATE=1' };
  if (!input.hasUpdateConfig) {
    return { enabled: false, reason: 'no publish target configured (the package has no app-update.yml; see release.yml)' };
  }
  return { enabled: true };
}

/** electron-updater's updater for this build, or null and why not. Loaded only when it will run. */
export async function loadUpdater(input: {
  isPackaged: boolean;
  resourcesPath: string;
}): Promise<{ updater: UpdaterLike | null; reason?: string }> {
  const availability = updaterAvailability({
    isPackaged: input.isPackaged,
    hasUpdateConfig: input.isPackaged && existsSync(join(input.resourcesPath, 'app-update.yml')),
    env: process.env,
  });
  if (!availability.enabled) return { updater: null, reason: availability.reason };
  // A CommonJS package bundled into main: its exports may sit on `default`.
  const module = (await import('electron-updater')) as typeof import('electron-updater') & {
    default?: typeof import('electron-updater');
  };
  return { updater: module.default?.autoUpdater ?? module.autoUpdater };
}

/** Called once the app is ready: sets up the update service and checks once (then only on request). */
export async function startAutoUpdates(input: { isPackaged: boolean; resourcesPath: string }): Promise<void> {
  let loaded: { updater: UpdaterLike | null; reason?: string };
  try {
    loaded = await loadUpdater(input);
  } catch (error) {
    loaded = {
      updater: null,
      reason: `electron-updater could not load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const service = setUpdateService(createUpdateService(loaded));
  await service.check();
}
