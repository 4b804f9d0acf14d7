/**
 * Session-wide rules: permission requests, and the CSP header on dev-server pages.
 * (Packaged pages get their CSP from the renderer protocol, see ./renderer-protocol.)
 */
import type { Session } from 'electron';

import { isPermissionAllowed } from './permissions';

export interface SessionSecurityOptions {
  appOrigins: readonly string[];
  contentSecurityPolicy: string;
  /** Set in development only: responses from this origin get the CSP header. */
  devServerOrigin: string | null;
}

export function secureSession(session: Session, options: SessionSecurityOptions): void {
  const { appOrigins } = options;

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, appOrigins));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, appOrigins),
  );

  if (options.devServerOrigin) {
    session.webRequest.onHeadersReceived({ urls: [`${options.devServerOrigin}/*`] }, (details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [options.contentSecurityPolicy],
        },
      });
    });
  }
}
