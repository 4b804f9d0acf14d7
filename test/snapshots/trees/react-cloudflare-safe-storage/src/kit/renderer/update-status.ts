/** Words for the auto-update status main pushes over `updates.status` (src/kit/main/updates), for every framework's banner. */
import type { UpdateStatus } from '../main/updates';

/** One line for the banner, or null when there is nothing to say. */
export function updateStatusText(status: UpdateStatus): string | null {
  if (status.state === 'checking') return 'Checking for updates…';
  if (status.state === 'downloading') return `Downloading version ${status.version}…`;
  if (status.state === 'up-to-date') return 'Up to date.';
  if (status.state === 'ready') return `Update ready: version ${status.version} installs when you restart.`;
  if (status.state === 'error') return `Update check failed: ${status.message}`;
  return null;
}

/** Whether the user may ask for a check now (not while one runs or an update waits). */
export const canCheckForUpdates = (status: UpdateStatus): boolean => ['idle', 'up-to-date', 'error'].includes(status.state);
