/**
 * The main process as the kit runs it: security, the Clerk bridge, tRPC over IPC, session sync,
 * windows, the menu and updates. `src/main/index.ts` calls `startApp({ router })` once, before `ready`.
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
import { applicationMenuTemplate, createWindowKit } from './windows';

export function startApp({ router }: { router: AnyTRPCRouter }): void {
  const debugging = app.isPackaged ? appConfig.debuggingSwitches(process.argv) : [];
  if (debugging.length > 0) {
    console.error(`[security] not starting: a packaged app refuses ${debugging.join(', ')} (it would open it to a debugger).`);
    return app.exit(1);
  }
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const location = appConfig.resolveRendererLocation({ isPackaged: app.isPackaged, devServerUrl });

  // Before `ready`, Clerk's bridge registers its scheme, the OAuth deep-link handler and its client-token
  // IPC handlers (we add the origin check), and takes the single-instance lock. Its clearing the client
  // token is one way main learns of a sign-out.
  const sessionSync = sync.createSessionSync({ onSignedOut: ({ userIds }) => forgetOfflineUsers(userIds) });
  const { result: clerk } = withOriginCheckedHandlers(
    ipcMain,
    location.appOrigins,
    () =>
      createClerkBridge({
        storage: createTokenStorage({ appId: appConfig.APP_ID }),
        // Clerk registers the scheme as standard, secure, fetch- and CORS-enabled; we add V8's code cache.
        renderer: { scheme: appConfig.RENDERER_SCHEME, host: appConfig.RENDERER_HOST, privileges: { codeCache: true } },
      }),
    {
      onHandled: (channel, event) => {
        if (channel === sync.CLERK_CLEAR_TOKEN_CHANNEL) sessionSync.clientTokenCleared(event.sender?.id);
      },
    },
  );
  // A second copy of the app hands its arguments to the first one and quits: it must register nothing.
  if (!clerk.isPrimaryInstance) return;

  const { VITE_CLERK_PUBLISHABLE_KEY, BACKEND_URL, CLERK_JWT_KEY } = import.meta.env; // baked in at build time
  const env = { VITE_CLERK_PUBLISHABLE_KEY, BACKEND_URL, CLERK_JWT_KEY };
  const { config, warnings, errors } = appConfig.parseMainConfig(env, { isPackaged: app.isPackaged });
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
  connectBackend({ backendUrl: config.backendUrl });
  const contentSecurityPolicy = buildContentSecurityPolicy({
    frontendApiHost: config.frontendApiHost,
    devServerOrigin: location.devServerOrigin,
  });
  const { openWindow, windows } = createWindowKit({
    window: { title: appConfig.PRODUCT_NAME, preloadPath: join(__dirname, '../preload/index.js'), devTools },
    rendererUrl: location.url,
  });
  function showMainWindow(): void {
    if (!app.isReady()) return; // a second launch this early: the window is about to open anyway
    const [oldest] = windows();
    if (!oldest) return void openWindow();
    if (oldest.isMinimized()) oldest.restore();
    oldest.focus();
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
      sessionSync.attach({ ...trpcIpc, revoke: (ids) => verifier.revoke(ids) });

      showMainWindow();
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
