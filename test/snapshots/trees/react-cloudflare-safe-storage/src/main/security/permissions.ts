/**
 * Which web permissions (camera, notifications, geolocation...) a page may get.
 *
 * Chromium grants most of them by default inside Electron; we deny everything except what is
 * listed here, and only to the app's own pages. Add a permission here when a feature needs it,
 * e.g. 'notifications' or 'media'.
 */
import { isAppUrl } from './origins';

/** Clerk's UI copies backup codes and the like to the clipboard. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  appOrigins: readonly string[],
  allowed: readonly string[] = ALLOWED_PERMISSIONS,
): boolean {
  return allowed.includes(permission) && isAppUrl(requestingUrl, appOrigins);
}
