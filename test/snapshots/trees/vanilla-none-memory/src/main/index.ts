/**
 * The main process: app lifecycle, security, the Clerk bridge and tRPC over IPC.
 *
 *   renderer (Clerk UI, tRPC client) ──IPC: { op, token }──► main (this process): verifies the
 *   token, runs the procedure from src/main/trpc/router.ts with ctx.auth, answers the same frame.
 */
import { join } from 'node:path';

import { createClerkBridge } from '@clerk/electron';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';

import { createSessionVerifier } from './auth/verify-session';
import {
  APP_ID,
  devToolsAllowed,
  externalLinkHosts,
  loadMainConfig,
  PRODUCT_NAME,
  RENDERER_HOST,
  RENDERER_SCHEME,
  resolveRendererLocation,
} from './config';
import { registerTrpcIpc } from '../ipc/main/electron-glue';
import { applicationMenuTemplate } from './menu';
import { buildContentSecurityPolicy } from './security/csp';
import { withOriginCheckedHandlers } from './security/ipc-origin-guard';
import { registerRendererProtocol } from './security/renderer-protocol';
import { secureSession } from './security/session';
import { secureWebContents } from './security/web-contents';
import { createTokenStorage } from './storage/token-storage';
import { createContextFactory } from './trpc/context';
import { appRouter } from './trpc/router';
import { startAutoUpdates } from './updates/electron-updater';
import { createRevocableVerifier, withoutRevokedTokens } from './session-sync/revocable-verifier';
import { CLERK_CLEAR_TOKEN_CHANNEL, withInvokeObserver } from './session-sync/invoke-observer';
import { createSessionSync } from './session-sync/session-sync';
import { createWindowKit } from './windows/window-kit';
import { setWindowOpener } from './windows/windows-router';

const location = resolveRendererLocation({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
});

// Before `ready`: registers `<scheme>://renderer` as a privileged scheme, the app as the handler of
// that scheme's deep links (OAuth callbacks), Clerk's IPC handlers for its long-lived client token,
// and, on Windows and Linux, takes the single-instance lock through which deep links arrive.
// Clerk's handlers check only that the sender is a main frame; ours also checks its origin.
// Sign-in and sign-out reach every window (src/main/session-sync): Clerk clearing its client token
// is one of the ways main learns of a sign-out.
const sessionSync = createSessionSync({});
const { result: clerk } = withOriginCheckedHandlers(ipcMain, location.appOrigins, () =>
  withInvokeObserver(
    ipcMain,
    (channel, event) => {
      if (channel === CLERK_CLEAR_TOKEN_CHANNEL) sessionSync.clientTokenCleared(event.sender?.id);
    },
    () =>
      createClerkBridge({
        storage: createTokenStorage({ appId: APP_ID }),
        // Clerk registers the scheme as standard, secure, fetch- and CORS-enabled; we add V8's code cache.
        renderer: { scheme: RENDERER_SCHEME, host: RENDERER_HOST, privileges: { codeCache: true } },
      }),
  ),
);

// A second copy of the app (launched again, or by a deep link) forwards its arguments to the
// first one and quits: it must not create windows or register anything on the way out.
if (clerk.isPrimaryInstance) startApp();

function startApp(): void {
  const { config, warnings, errors } = loadMainConfig({ isPackaged: app.isPackaged });
  for (const warning of warnings) console.warn(`[config] ${warning}`);
  if (errors.length > 0) {
    for (const error of errors) console.error(`[config] ${error}`);
    void app.whenReady().then(() => {
      dialog.showErrorBox(`${PRODUCT_NAME} cannot start`, errors.join('\n\n'));
      app.quit();
    });
    return;
  }
  const devTools = devToolsAllowed({ isPackaged: app.isPackaged, argv: process.argv });

  const contentSecurityPolicy = buildContentSecurityPolicy({
    frontendApiHost: config.frontendApiHost,
    devServerOrigin: location.devServerOrigin,
  });

  // Every window, the first one included, comes from the kit: one definition of its security.
  const windowKit = createWindowKit({
    window: { title: PRODUCT_NAME, preloadPath: join(__dirname, '../preload/index.js'), devTools },
    rendererUrl: location.url,
  });
  const openWindow = (route?: string): BrowserWindow => windowKit.openWindow(route);
  setWindowOpener(openWindow);

  let mainWindow: BrowserWindow | null = null;
  function showMainWindow(): void {
    if (!app.isReady()) return; // a second launch this early: the window is about to open anyway
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      return;
    }
    mainWindow = openWindow();
  }

  // Clerk's own `second-instance` listener picks OAuth callbacks out of the arguments; we bring
  // the window forward either way.
  app.on('second-instance', showMainWindow);
  // Every web page the app ever creates gets the navigation rules, windows and frames alike.
  const navigationPolicy = { appOrigins: location.appOrigins, externalHosts: externalLinkHosts(config) };
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents, navigationPolicy));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => {
      if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          applicationMenuTemplate({ isMac: process.platform === 'darwin', devTools, onNewWindow: () => openWindow() }),
        ),
      );
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
      // Refuses the sessions of a sign-out, whose tokens other windows may still hold for a minute.
      const verifier = createRevocableVerifier(
        createSessionVerifier({
          publishableKey: config.publishableKey ?? undefined,
          jwtKey: config.clerkJwtKey ?? undefined,
          authorizedParties: location.appOrigins,
        }),
      );
      const trpcIpc = registerTrpcIpc({
        ipcMain,
        router: appRouter,
        createContext: withoutRevokedTokens(
          createContextFactory({
            app: { name: PRODUCT_NAME, version: app.getVersion() },
          }),
          verifier,
        ),
        allowedOrigins: location.appOrigins,
        verifier,
        onIdentityChange: sessionSync.identityChanged,
        // Signed-out calls to protected procedures are expected; anything else is worth a line.
        onError: ({ type, path, error }) => {
          if (error.code !== 'UNAUTHORIZED') console.error(`[trpc] ${type} ${path ?? '?'}: ${error.code} ${error.message}`);
        },
      });

      sessionSync.attach({
        forgetTokens: trpcIpc.forgetTokens,
        broadcast: trpcIpc.broadcast,
        revoke: (ids) => verifier.revoke(ids),
      });

      showMainWindow();
      // Auto-update: packaged builds with a publish target only (else one log line); one check now,
      // then only when the user asks (`updates.check`).
      void startAutoUpdates({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
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
