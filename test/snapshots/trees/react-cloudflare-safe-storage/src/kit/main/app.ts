/**
 * The main process as the kit runs it: security, the Clerk bridge, tRPC over IPC, session sync,
 * windows, the menu and updates. `src/main/index.ts` calls `startApp({ router })` once.
 */
import { join } from 'node:path';
import { createClerkBridge } from '@clerk/electron';
import type { AnyTRPCRouter } from '@trpc/server';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { registerTrpcIpc } from '../ipc/main/handler';
import { createSessionVerifier } from './auth/verify-session';
import * as appConfig from './config';
import { connectBackend } from './remote/backend';
import { forwardToBackend } from './remote/forward';
import { forgetOfflineUsers } from './remote/offline';
import { registerRendererProtocol, secureSession, secureWebContents, withOriginCheckedHandlers } from './security/enforce';
import { buildContentSecurityPolicy } from './security/policy';
import * as sync from './session-sync';
import { createTokenStorage } from './storage/token-storage';
import { createContextFactory } from './trpc/init';
import { startAutoUpdates } from './updates';
import { setWindowOpener } from './window-routes';
import { applicationMenuTemplate, createWindowKit } from './windows';

/** Starts the app; call it once, before Electron's `ready` (it registers schemes and handlers). */
export function startApp({ router }: { router: AnyTRPCRouter }): void {
  const debugging = app.isPackaged ? appConfig.debuggingSwitches(process.argv) : [];
  if (debugging.length > 0) {
    console.error(`[security] not starting: a packaged app refuses ${debugging.join(', ')} (it would open it to a debugger).`);
    return app.exit(1);
  }
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const location = appConfig.resolveRendererLocation({ isPackaged: app.isPackaged, devServerUrl });

  // Before `ready`, Clerk's bridge registers the privileged scheme, the deep-link handler (OAuth), its
  // client-token IPC handlers (we add the origin check) and takes the single-instance lock. Clerk
  // clearing its client token is one of the ways main learns of a sign-out (./session-sync).
  // The answers main kept for a user go with their sign-out (queued changes, where kept, wait for them).
  const sessionSync = sync.createSessionSync({ onSignedOut: ({ userIds }) => forgetOfflineUsers(userIds) });
  const { result: clerk } = withOriginCheckedHandlers(ipcMain, location.appOrigins, () =>
    sync.withInvokeObserver(
      ipcMain,
      (channel, event) => {
        if (channel === sync.CLERK_CLEAR_TOKEN_CHANNEL) sessionSync.clientTokenCleared(event.sender?.id);
      },
      () =>
        createClerkBridge({
          storage: createTokenStorage({ appId: appConfig.APP_ID }),
          // Clerk registers the scheme as standard, secure, fetch- and CORS-enabled; we add V8's code cache.
          renderer: { scheme: appConfig.RENDERER_SCHEME, host: appConfig.RENDERER_HOST, privileges: { codeCache: true } },
        }),
    ),
  );
  // A second copy of the app (launched again, or by a deep link) hands its arguments to the first
  // one and quits: it must not create windows or register anything on the way out.
  if (!clerk.isPrimaryInstance) return;

  const { config, warnings, errors } = appConfig.loadMainConfig({ isPackaged: app.isPackaged });
  for (const warning of warnings) console.warn(`[config] ${warning}`);
  if (errors.length > 0) {
    for (const error of errors) console.error(`[config] ${error}`);
    void app.whenReady().then(() => {
      dialog.showErrorBox(`${appConfig.PRODUCT_NAME} cannot start`, errors.join('\n\n'));
      app.quit();
    });
    return;
  }
  const devTools = appConfig.devToolsAllowed({ isPackaged: app.isPackaged, enableDevtools: import.meta.env.ENABLE_DEVTOOLS });
  // Main's client for the backend: renderer calls to `remote.*` go through it.
  connectBackend({ backendUrl: config.backendUrl });
  const contentSecurityPolicy = buildContentSecurityPolicy({
    frontendApiHost: config.frontendApiHost,
    devServerOrigin: location.devServerOrigin,
  });
  // Every window, the first one included, comes from the kit: one definition of its security.
  const windowKit = createWindowKit({
    window: { title: appConfig.PRODUCT_NAME, preloadPath: join(__dirname, '../preload/index.js'), devTools },
    rendererUrl: location.url,
  });
  const { openWindow } = windowKit;
  setWindowOpener(openWindow, () => windowKit.windows().length);

  let mainWindow: BrowserWindow | null = null;
  function showMainWindow(): void {
    if (!app.isReady()) return; // a second launch this early: the window is about to open anyway
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
  // Clerk's own `second-instance` listener picks OAuth callbacks out of the arguments.
  app.on('second-instance', showMainWindow);
  // Every web page the app ever creates gets the navigation rules, windows and frames alike.
  const navigation = { appOrigins: location.appOrigins, externalHosts: appConfig.externalLinkHosts(config) };
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents, navigation));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => {
      if (process.platform === 'win32') app.setAppUserModelId(appConfig.APP_ID);
      const menu = applicationMenuTemplate({ isMac: process.platform === 'darwin', devTools, onNewWindow: () => openWindow() });
      Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
      const { appOrigins, devServerOrigin } = location;
      secureSession(session.defaultSession, { appOrigins, contentSecurityPolicy, devServerOrigin });
      const unregisterProtocol = registerRendererProtocol({
        scheme: appConfig.RENDERER_SCHEME,
        host: appConfig.RENDERER_HOST,
        rootDir: join(__dirname, '../renderer'),
        contentSecurityPolicy,
      });
      // Refuses the sessions of a sign-out, whose tokens other windows may still hold for a minute.
      const verifier = sync.createRevocableVerifier(
        createSessionVerifier({
          publishableKey: config.publishableKey ?? undefined,
          jwtKey: config.clerkJwtKey ?? undefined,
          authorizedParties: appOrigins,
        }),
      );
      const context = createContextFactory({ app: { name: appConfig.PRODUCT_NAME, version: app.getVersion() } });
      const trpcIpc = registerTrpcIpc({
        ipcMain,
        router,
        // Every `remote.*` call goes to the backend with the window's token.
        forward: { remote: forwardToBackend },
        createContext: sync.withoutRevokedTokens(context, verifier),
        allowedOrigins: appOrigins,
        verifier,
        onIdentityChange: sessionSync.identityChanged,
        // Signed-out calls to protected procedures are expected; anything else is worth a line.
        onError: ({ type, path, error }) => {
          if (error.code !== 'UNAUTHORIZED') console.error(`[trpc] ${type} ${path ?? '?'}: ${error.code} ${error.message}`);
        },
      });
      const { forgetTokens, broadcast } = trpcIpc;
      sessionSync.attach({ forgetTokens, broadcast, revoke: (ids) => verifier.revoke(ids) });

      showMainWindow();
      // Packaged builds with a publish target only (else one log line); one check now, then on request.
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
