/**
 * The main process as the kit runs it: security, the Clerk bridge, tRPC over IPC, session sync,
 * windows, the menu and updates. `src/main/index.ts` calls `startApp({ router })` once, at start.
 *
 *   renderer (Clerk UI, tRPC client) ──IPC: { op, token }──► main: verifies the token, runs the
 *   procedure from the owner's router with ctx.auth, answers on the same frame.
 */
import { join } from 'node:path';

import { createClerkBridge } from '@clerk/electron';
import type { AnyTRPCRouter } from '@trpc/server';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';

import { createSessionVerifier } from './auth/verify-session';
import {
  APP_ID,
  debuggingSwitches,
  devToolsAllowed,
  externalLinkHosts,
  loadMainConfig,
  PRODUCT_NAME,
  RENDERER_HOST,
  RENDERER_SCHEME,
  resolveRendererLocation,
} from './config';
import { registerTrpcIpc } from '../ipc/main/electron-glue';
import { connectBackend } from './remote/backend';
import { forwardToBackend } from './remote/forward';
import { forgetOfflineUsers } from './remote/offline';
import { applicationMenuTemplate } from './menu';
import { registerRendererProtocol, secureSession, secureWebContents, withOriginCheckedHandlers } from './security/enforce';
import { buildContentSecurityPolicy } from './security/policy';
import { createTokenStorage } from './storage/token-storage';
import { createContextFactory } from './trpc/context';
import { startAutoUpdates } from './updates';
import {
  CLERK_CLEAR_TOKEN_CHANNEL,
  createRevocableVerifier,
  createSessionSync,
  withInvokeObserver,
  withoutRevokedTokens,
} from './session-sync';
import { setWindowOpener } from './window-routes';
import { createWindowKit } from './windows';

export interface StartAppOptions {
  /** Main's tRPC router (src/main/router.ts), built with the kit's `router` and procedures. */
  router: AnyTRPCRouter;
}

/** Starts the app; call it once, before Electron's `ready` (it registers schemes and handlers). */
export function startApp(options: StartAppOptions): void {
  const debugging = app.isPackaged ? debuggingSwitches(process.argv) : [];
  if (debugging.length > 0) {
    console.error(`[security] not starting: a packaged app refuses ${debugging.join(', ')} (it would open it to a debugger).`);
    app.exit(1);
    return;
  }
  const location = resolveRendererLocation({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  });

  // Before `ready`: registers `<scheme>://renderer` as a privileged scheme, the app as the handler of
  // that scheme's deep links (OAuth callbacks), Clerk's IPC handlers for its long-lived client token,
  // and, on Windows and Linux, takes the single-instance lock through which deep links arrive.
  // Clerk's handlers check only that the sender is a main frame; ours also checks its origin.
  // Sign-in and sign-out reach every window (./session-sync): Clerk clearing its client token is
  // one of the ways main learns of a sign-out.
  const sessionSync = createSessionSync({
    // The answers main kept for a user go with their sign-out (queued changes, where kept, wait for them).
    onSignedOut: ({ userIds }) => forgetOfflineUsers(userIds),
  });
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
  if (clerk.isPrimaryInstance) startPrimaryInstance({ location, router: options.router, sessionSync, clerk });
}

interface PrimaryInstance {
  location: ReturnType<typeof resolveRendererLocation>;
  router: AnyTRPCRouter;
  sessionSync: ReturnType<typeof createSessionSync>;
  clerk: ReturnType<typeof createClerkBridge>;
}

function startPrimaryInstance({ location, router, sessionSync, clerk }: PrimaryInstance): void {
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
  const devTools = devToolsAllowed({ isPackaged: app.isPackaged, enableDevtools: import.meta.env.ENABLE_DEVTOOLS });
  // Main's client for the backend; renderer calls to `remote.*` go through it (./remote).
  connectBackend({ backendUrl: config.backendUrl });

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
  setWindowOpener(openWindow, () => windowKit.windows().length);

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
        router,
        // Every `remote.*` call goes to the backend with the window's token (./remote/forward.ts).
        forward: { remote: forwardToBackend },
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
