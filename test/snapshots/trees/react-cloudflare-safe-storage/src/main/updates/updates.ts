/**
 * The app's one update service, set up in main/index.ts once the app is ready (until then, and in
 * tests, updates are off). The `updates.*` procedures read it here; a window that subscribed to the
 * status before the service was set up follows the new one (`watchUpdates`).
 */
import { createUpdateService, type UpdateService, type UpdateStatus } from './update-service';

let service: UpdateService | null = null;
const notStarted = createUpdateService({ updater: null, reason: 'not started', log: () => {} });
const replaced = new Set<() => void>();

export function setUpdateService(next: UpdateService): UpdateService {
  service = next;
  for (const listener of [...replaced]) listener();
  return next;
}

export function updateService(): UpdateService {
  return service ?? notStarted;
}

/** The current status, then every change, across a replacement of the service, until `signal` aborts. */
export async function* watchUpdates(signal?: AbortSignal): AsyncGenerator<UpdateStatus, void, unknown> {
  while (!signal?.aborted) {
    const current = new AbortController();
    const stop = () => current.abort();
    replaced.add(stop);
    signal?.addEventListener('abort', stop);
    try {
      yield* updateService().watch(current.signal);
    } finally {
      replaced.delete(stop);
      signal?.removeEventListener('abort', stop);
    }
  }
}
