/**
 * Main's configuration: the app's identity, and the settings electron-vite bakes in at build time (only the
 * public names in MAIN_ENV_PREFIXES, electron.vite.config.ts). Never read from the environment at run time:
 * whoever sets a user's environment must not point the app at another backend and collect session tokens.
 */
import { parsePublishableKey } from '../shared/publishable-key';

/** Reverse-DNS id of the app (electron-builder `appId`, Windows AppUserModelID). */
export const APP_ID = 'com.example.snapshotapp';
export const PRODUCT_NAME = 'Snapshot App';
/** The packaged renderer is served from `<scheme>://renderer`; OAuth callbacks come back as deep links to it. */
export const RENDERER_SCHEME = 'snapshot-app';
export const RENDERER_HOST = 'renderer';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
export const DEFAULT_BACKEND_URL = 'http://127.0.0.1:8787';

/** Hosts (subdomains included) whose https links open in the browser, besides Clerk's; add your own site. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['clerk.com'];

/** `warnings`: the app starts with safe defaults; `errors`: it must not start (each says what to change). */
type Problems = { warnings: string[]; errors: string[] };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const PEM_PUBLIC_KEY = /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----$/;

function parseBackendUrl(value: string | undefined, problems: Problems, isPackaged: boolean): string {
  if (!value) return DEFAULT_BACKEND_URL;
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    problems.warnings.push(`BACKEND_URL must be an http(s) URL without credentials; using ${DEFAULT_BACKEND_URL}.`);
    return DEFAULT_BACKEND_URL;
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    const problem = `BACKEND_URL uses plain http to ${url.hostname}: session tokens would travel unencrypted.`;
    if (isPackaged) problems.errors.push(`${problem} Set an https URL in .env and build again.`);
    else problems.warnings.push(`${problem} Use https; a packaged build refuses to start with it.`);
  }
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

/** A null `publishableKey` shows the renderer's setup screen; a null `clerkJwtKey` verifies with the JWKS. */
export function parseMainConfig(env: Readonly<Record<string, string | undefined>>, { isPackaged } = { isPackaged: false }) {
  const problems: Problems = { warnings: [], errors: [] };
  const value = (name: string) => env[name]?.trim() || undefined;
  let publishableKey = value('VITE_CLERK_PUBLISHABLE_KEY') ?? null;
  const frontendApiHost = parsePublishableKey(publishableKey ?? undefined)?.frontendApiHost ?? null;
  if (publishableKey === null) {
    problems.warnings.push('VITE_CLERK_PUBLISHABLE_KEY is not set: add it to .env (Clerk dashboard → API keys) and restart.');
  } else if (frontendApiHost === null) {
    problems.warnings.push('VITE_CLERK_PUBLISHABLE_KEY is not a Clerk publishable key (pk_test_… or pk_live_…).');
    publishableKey = null;
  }
  // One-line .env values often carry the PEM's line breaks as "\n".
  let clerkJwtKey = value('CLERK_JWT_KEY')?.replace(/\\n/g, '\n').replace(/\r\n/g, '\n').trim() ?? null;
  if (clerkJwtKey !== null && !PEM_PUBLIC_KEY.test(clerkJwtKey)) {
    problems.warnings.push('CLERK_JWT_KEY is not a PEM public key (-----BEGIN PUBLIC KEY-----…): verifying with the JWKS.');
    clerkJwtKey = null;
  }
  const backendUrl = parseBackendUrl(value('BACKEND_URL'), problems, isPackaged);
  return { config: { publishableKey, frontendApiHost, backendUrl, clerkJwtKey }, ...problems };
}

/**
 * Where the renderer loads from, and the `appOrigins` that may call main: the dev server when not packaged,
 * else the custom scheme (a packaged app ignores ELECTRON_RENDERER_URL: nobody can point it at another page).
 */
export function resolveRendererLocation(options: { isPackaged: boolean; devServerUrl: string | undefined }) {
  if (options.isPackaged || !options.devServerUrl) {
    return { url: `${RENDERER_ORIGIN}/`, appOrigins: [RENDERER_ORIGIN], devServerOrigin: null };
  }
  const devServerOrigin = new URL(options.devServerUrl).origin;
  return { url: options.devServerUrl, appOrigins: [RENDERER_ORIGIN, devServerOrigin], devServerOrigin };
}

export function externalLinkHosts(config: { frontendApiHost: string | null }): string[] {
  return [...(config.frontendApiHost ? [config.frontendApiHost] : []), ...EXTERNAL_LINK_HOSTS];
}

/** Packaged: only when built with ENABLE_DEVTOOLS=true (a run-time switch would open Clerk's token cache to anyone). */
export function devToolsAllowed(options: { isPackaged: boolean; enableDevtools: string | undefined }): boolean {
  return !options.isPackaged || options.enableDevtools === 'true';
}

/** Switches that open the app to a debugger (--inspect is also off by fuse): a packaged app refuses them. */
const DEBUGGING_SWITCH = /^--(remote-debugging-(port|pipe|address)|inspect(-brk)?(-port)?|inspect-publish-uid)(=|$)/;

export function debuggingSwitches(argv: readonly string[]): string[] {
  return argv.filter((arg) => DEBUGGING_SWITCH.test(arg)).map((arg) => arg.split('=')[0]!);
}
