/**
 * The main process: app lifecycle, security, the Clerk bridge and tRPC over IPC.
 *
 *   renderer (Clerk UI, tRPC client) ──IPC: { op, token }──► main (this process): verifies the
 *   token, runs the procedure from src/main/trpc/router.ts with ctx.auth, answers the same frame.
 */
import { join } from 'node:path';

import { createClerkBridge } from '@clerk/electron';
import { app, BrowserWindow, ipcMain, session } from 'electron';

import { createSessionVerifier } from './auth/verify-session';
import {
  APP_ID,
  loadMainConfig,
  PRODUCT_NAME,
  RENDERER_HOST,
  RENDERER_SCHEME,
  resolveRendererLocation,
} from './config';
import { registerTrpcIpc } from './ipc/electron-glue';
import { connectBackend } from './remote/backend';
import { buildContentSecurityPolicy } from './security/csp';
import { registerRendererProtocol } from './security/renderer-protocol';
import { secureSession } from './security/session';
import { secureWebContents } from './security/web-contents';
import { createTokenStorage } from './storage/token-storage';
import { createContextFactory } from './trpc/context';
import { appRouter } from './trpc/router';
import { createMainWindow } from './window';

// Before `ready`: registers `<scheme>://renderer` as a privileged scheme, the app as the handler of
// that scheme's deep links (OAuth callbacks), Clerk's IPC handlers for its long-lived client token,
// and, on Windows and Linux, takes the single-instance lock through which deep links arrive.
const clerk = createClerkBridge({
  storage: createTokenStorage({ appId: APP_ID }),
  // Clerk registers the scheme as standard, secure, fetch- and CORS-enabled; we add V8's code cache.
  renderer: { scheme: RENDERER_SCHEME, host: RENDERER_HOST, privileges: { codeCache: true } },
});

// A second copy of the app (launched again, or by a deep link) forwards its arguments to the
// first one and quits: it must not create windows or register anything on the way out.
if (clerk.isPrimaryInstance) startApp();

function startApp(): void {
  const { config, warnings } = loadMainConfig();
  for (const warning of warnings) console.warn(`[config] ${warning}`);
  // Main's client for the backend; renderer calls to `remote.*` go through it (src/main/remote).
  connectBackend({ backendUrl: config.backendUrl });

  const location = resolveRendererLocation({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const contentSecurityPolicy = buildContentSecurityPolicy({
    frontendApiHost: config.frontendApiHost,
    devServerOrigin: location.devServerOrigin,
  });

  let mainWindow: BrowserWindow | null = null;
  function showMainWindow(): void {
    if (!app.isReady()) return; // a second launch this early: the window is about to open anyway
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      return;
    }
    mainWindow = createMainWindow({
      title: PRODUCT_NAME,
      preloadPath: join(__dirname, '../preload/index.js'),
      url: location.url,
    });
  }

  // Clerk's own `second-instance` listener picks OAuth callbacks out of the arguments; we bring
  // the window forward either way.
  app.on('second-instance', showMainWindow);
  // Every web page the app ever creates gets the navigation rules, windows and frames alike.
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents, location.appOrigins));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => {
      if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
      secureSession(session.defaultSession, {
        appOrigins: location.appOrigins,
        contentSecurityPolicy,
        devServerOrigin: location.devServerOrigin,
      });
      const unregisterProtocol = registerRendererProtocol({
        scheme: RENDERER_SCHEME,
        host: RENDERER_HOST,
        rootDir: join(__dirname, '../renderer'),
        contentSecurityPolicy,
      });
      const trpcIpc = registerTrpcIpc({
        ipcMain,
        router: appRouter,
        createContext: createContextFactory({
          app: { name: PRODUCT_NAME, version: app.getVersion() },
        }),
        allowedOrigins: location.appOrigins,
        verifier: createSessionVerifier({
          publishableKey: config.publishableKey ?? undefined,
          jwtKey: config.clerkJwtKey ?? undefined,
          authorizedParties: location.appOrigins,
        }),
        // Signed-out calls to protected procedures are expected; anything else is worth a line.
        onError: ({ type, path, error }) => {
          if (error.code !== 'UNAUTHORIZED') console.error(`[trpc] ${type} ${path ?? '?'}: ${error.code} ${error.message}`);
        },
      });

      showMainWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) showMainWindow();
      });
      app.on('will-quit', () => {
        trpcIpc.dispose();
        unregisterProtocol();
        clerk.cleanup();
      });
    })
    .catch((error: unknown) => {
      console.error('The app could not start:', error);
      app.quit();
    });
}
