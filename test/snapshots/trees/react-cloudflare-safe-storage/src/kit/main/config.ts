/**
 * Main's configuration: this app's fixed identity, and the settings read from the environment.
 *
 * How settings reach main: electron-vite bundles main, and at build time (`dev` builds too) it
 * replaces `import.meta.env.X` with the value of X from `.env`, `.env.local`, `.env.[mode]` or
 * the shell environment. Main only sees the names listed in MAIN_ENV_PREFIXES
 * (electron.vite.config.ts): VITE_CLERK_PUBLISHABLE_KEY, BACKEND_URL and CLERK_JWT_KEY, all of
 * them public. Nothing else from `.env` (such as the Clerk secret key) can end up in the app.
 *
 * The values are therefore fixed when you build: a packaged app does not read its environment
 * for them at run time, on purpose (like the NODE_OPTIONS fuse): whoever can set the environment of
 * a user's process must not be able to point the app at another backend and collect session
 * tokens. Rebuild to change them.
 */
import { parsePublishableKey } from '../shared/publishable-key';

/** Reverse-DNS id of the app (electron-builder `appId`, Windows AppUserModelID). */
export const APP_ID = 'com.example.snapshotapp';
export const PRODUCT_NAME = 'Snapshot App';
/**
 * The custom scheme: the packaged renderer is served from `<scheme>://renderer` and Clerk's OAuth
 * callbacks come back as deep links to it. Also declared in electron-builder.yml (protocols).
 */
export const RENDERER_SCHEME = 'snapshot-app';
export const RENDERER_HOST = 'renderer';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
/** The Vite dev server; its port is fixed (strictPort) in electron.vite.config.ts. */
export const DEV_SERVER_ORIGIN = 'http://localhost:5173';
export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/**
 * Hosts whose https pages may open in the user's browser from a link in the app (subdomains
 * included). Clerk's Frontend API host is added from the publishable key. Add your own site here
 * (terms, privacy, help pages); any other link is refused (src/kit/main/security/policy.ts).
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['clerk.com'];

export interface MainConfig {
  /** null when missing or malformed: the renderer then shows its setup screen. */
  publishableKey: string | null;
  /** The instance's Frontend API host, decoded from the publishable key. */
  frontendApiHost: string | null;
  /** Base URL of the backend main forwards calls to (no trailing slash). */
  backendUrl: string;
  /** PEM public key for networkless JWT verification, or null to use the Frontend API's JWKS. */
  clerkJwtKey: string | null;
}

export interface ParsedConfig {
  config: MainConfig;
  /** Human-readable problems; the app still starts with safe defaults. */
  warnings: string[];
  /** Problems the app must not start with (each says what to change). */
  errors: string[];
}

export interface ParseOptions {
  /** `app.isPackaged`: a packaged app refuses settings that development tolerates. */
  isPackaged: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

interface Problems {
  warnings: string[];
  errors: string[];
}

function parseBackendUrl(value: string | null, { warnings, errors }: Problems, { isPackaged }: ParseOptions): string {
  if (value === null) return DEFAULT_BACKEND_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    warnings.push(`BACKEND_URL is not a URL (${JSON.stringify(value)}); using ${DEFAULT_BACKEND_URL}.`);
    return DEFAULT_BACKEND_URL;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    warnings.push(`BACKEND_URL must be an http(s) URL without credentials; using ${DEFAULT_BACKEND_URL}.`);
    return DEFAULT_BACKEND_URL;
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    const problem = `BACKEND_URL uses plain http to ${url.hostname}: session tokens would travel unencrypted.`;
    // Tolerated while developing (a backend on another machine of your network); never shipped.
    if (isPackaged) errors.push(`${problem} Set an https URL in .env and build again.`);
    else warnings.push(`${problem} Use https; a packaged build refuses to start with it.`);
  }
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

const PEM_PUBLIC_KEY = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----$/;

function parseJwtKey(value: string | null, warnings: string[]): string | null {
  if (value === null) return null;
  // One-line .env values often carry the PEM's line breaks as "\n".
  const pem = value.replace(/\\n/g, '\n').replace(/\r\n/g, '\n').trim();
  if (!PEM_PUBLIC_KEY.test(pem)) {
    warnings.push('CLERK_JWT_KEY is not a PEM public key (-----BEGIN PUBLIC KEY----- …); verifying with the JWKS instead.');
    return null;
  }
  return pem;
}

/** Pure: turns environment values into main's configuration. */
export function parseMainConfig(env: Env, options: ParseOptions = { isPackaged: false }): ParsedConfig {
  const warnings: string[] = [];
  const errors: string[] = [];
  let publishableKey = nonEmpty(env['VITE_CLERK_PUBLISHABLE_KEY']);
  let frontendApiHost: string | null = null;
  if (publishableKey === null) {
    warnings.push('VITE_CLERK_PUBLISHABLE_KEY is not set: add it to .env (Clerk dashboard → API keys) and restart.');
  } else {
    frontendApiHost = parsePublishableKey(publishableKey)?.frontendApiHost ?? null;
    if (frontendApiHost === null) {
      warnings.push('VITE_CLERK_PUBLISHABLE_KEY is not a Clerk publishable key (pk_test_… or pk_live_…).');
      publishableKey = null;
    }
  }
  return {
    config: {
      publishableKey,
      frontendApiHost,
      backendUrl: parseBackendUrl(nonEmpty(env['BACKEND_URL']), { warnings, errors }, options),
      clerkJwtKey: parseJwtKey(nonEmpty(env['CLERK_JWT_KEY']), warnings),
    },
    warnings,
    errors,
  };
}

/** Where the renderer is loaded from, and which origins therefore belong to the app. */
export interface RendererLocation {
  url: string;
  /** Origins allowed to call main over IPC, navigate, and get permissions. */
  appOrigins: string[];
  /** Set in development only. */
  devServerOrigin: string | null;
}

/**
 * Pure: the dev server (electron-vite sets ELECTRON_RENDERER_URL in `dev`) when not packaged,
 * otherwise the custom scheme. A packaged app ignores ELECTRON_RENDERER_URL, so nobody can point it
 * at another page through the environment.
 */
export function resolveRendererLocation(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererLocation {
  const rendererUrl = `${RENDERER_ORIGIN}/`;
  if (options.isPackaged || !options.devServerUrl) {
    return { url: rendererUrl, appOrigins: [RENDERER_ORIGIN], devServerOrigin: null };
  }
  const devServerOrigin = new URL(options.devServerUrl).origin;
  return { url: options.devServerUrl, appOrigins: [RENDERER_ORIGIN, devServerOrigin], devServerOrigin };
}

/** The values electron-vite baked into this build (see the top of this file). */
export function loadMainConfig(options: ParseOptions): ParsedConfig {
  return parseMainConfig(
    {
      VITE_CLERK_PUBLISHABLE_KEY: import.meta.env.VITE_CLERK_PUBLISHABLE_KEY,
      BACKEND_URL: import.meta.env.BACKEND_URL,
      CLERK_JWT_KEY: import.meta.env.CLERK_JWT_KEY,
    },
    options,
  );
}

/** Hosts whose links open in the browser: Clerk's Frontend API host, and EXTERNAL_LINK_HOSTS. */
export function externalLinkHosts(config: Pick<MainConfig, 'frontendApiHost'>): string[] {
  return [...(config.frontendApiHost ? [config.frontendApiHost] : []), ...EXTERNAL_LINK_HOSTS];
}

/**
 * DevTools (and the View menu's reload and DevTools items) in development only. A packaged app has
 * them only when it was built with ENABLE_DEVTOOLS=true (a support build): a switch at run time
 * would let any local process that can start the app reach the page and Clerk's token cache.
 */
export function devToolsAllowed(options: { isPackaged: boolean; enableDevtools: string | undefined }): boolean {
  return !options.isPackaged || options.enableDevtools === 'true';
}

/** Switches that open the app to a debugger (--inspect is also off by fuse, electron-builder.yml). */
const DEBUGGING_SWITCH = /^--(remote-debugging-(port|pipe|address)|inspect(-brk)?(-port)?|inspect-publish-uid)(=|$)/;

/** The debugging switches on a command line: a packaged app refuses to start with any. */
export function debuggingSwitches(argv: readonly string[]): string[] {
  return argv.filter((arg) => DEBUGGING_SWITCH.test(arg)).map((arg) => arg.split('=')[0]!);
}
