/**
 * Words for the auto-update status main pushes over `updates.status` (src/kit/main/updates). Shared by
 * every framework's update banner; the banner itself shows nothing while updates are off.
 */
import type { UpdateStatus } from '../main/updates';

export type { UpdateStatus };

/** One line for the banner, or null when there is nothing to say. */
export function updateStatusText(status: UpdateStatus): string | null {
  switch (status.state) {
    case 'disabled':
    case 'idle':
      return null;
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return `Downloading version ${status.version}…`;
    case 'up-to-date':
      return 'Up to date.';
    case 'ready':
      return `Update ready: version ${status.version} installs when you restart.`;
    case 'error':
      return `Update check failed: ${status.message}`;
  }
}

/** Whether the user may ask for a check now (not while one runs or an update waits). */
export function canCheckForUpdates(status: UpdateStatus): boolean {
  return status.state === 'idle' || status.state === 'up-to-date' || status.state === 'error';
}
