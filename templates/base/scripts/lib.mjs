// What doctor.mjs and setup.mjs decide; they do the talking. A check returns null or a problem `{ what, fix }`.
// Files come through `fs` (`read(path)` → text or null, `exists(path)`) and the network through `fetch`, so tests
// pass fakes. Loads on old Node versions too (doctor has to report them): no syntax or import newer than Node 18.
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as util from 'node:util';

/** The app's folder (scripts/..). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MIN_NODE = [22, 12];
export const NATIVE_API_PAGE = 'https://dashboard.clerk.com/~/native-applications';

export function filesUnder(root) {
  const exists = (path) => existsSync(resolve(root, path));
  const read = (path) => {
    try {
      return readFileSync(resolve(root, path), 'utf8');
    } catch {
      return null; // missing or unreadable: the check reports it
    }
  };
  return { exists, read };
}

/**
 * Node < 20.12 has no env-file parser: doctor then reports its version and runs no other check (most read .env
 * files), and setup refuses to start (it would write keys it cannot see twice).
 */
export const canParseDotenv = typeof util.parseEnv === 'function';
/** `KEY=value` lines as dotenv, Vite and wrangler read them; {} where Node cannot parse them (see above). */
export const parseDotenv = (text) => (canParseDotenv ? util.parseEnv(text) : {});

export function checkNodeVersion(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const [needMajor, needMinor] = MIN_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return {
    what: `Node.js ${version.replace(/^v/, '')} is too old: this app needs ${needMajor}.${needMinor} or newer`,
    fix: `install Node.js ${needMajor} LTS from https://nodejs.org (or: nvm install ${needMajor})`,
  };
}

/** Electron's binary as electron-vite finds it: ELECTRON_EXEC_PATH, else `dist/<path.txt>` in the package at electronDir. */
export function checkElectronBinary({ electronDir, env, fs, install }) {
  if (env.ELECTRON_EXEC_PATH) {
    if (fs.exists(env.ELECTRON_EXEC_PATH)) return null;
    return {
      what: `ELECTRON_EXEC_PATH points to ${env.ELECTRON_EXEC_PATH}, which does not exist`,
      fix: 'unset ELECTRON_EXEC_PATH, or point it at an Electron binary',
    };
  }
  if (electronDir === null) return { what: 'the electron package is not installed', fix: install };
  const executable = fs.read(`${electronDir}/path.txt`);
  if (executable && fs.exists(`${electronDir}/dist/${executable.trim()}`)) return null;
  return {
    what: "Electron's binary is not downloaded (its install step was skipped, e.g. by ELECTRON_SKIP_BINARY_DOWNLOAD)",
    fix: `node ${electronDir.replace(/\\/g, '/')}/install.js (behind a proxy or mirror: set ELECTRON_MIRROR first)`,
  };
}

/** The publishable key the renderer gets and where from: the environment, else electron-vite's dev env files (last wins). */
export function findPublishableKey({ env, fs }) {
  if (env.VITE_CLERK_PUBLISHABLE_KEY) return { key: env.VITE_CLERK_PUBLISHABLE_KEY.trim(), source: 'the environment' };
  let found = { key: '', source: '' };
  for (const file of ['.env', '.env.local', '.env.development', '.env.development.local']) {
    const value = parseDotenv(fs.read(file) || '').VITE_CLERK_PUBLISHABLE_KEY;
    if (value) found = { key: value.trim(), source: file };
  }
  return found;
}

/** The Frontend API host a publishable key names (`pk_test_` + base64 of `host$`), or null. */
export function frontendApiOf(key) {
  const match = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(key);
  const host = match ? Buffer.from(match[2], 'base64').toString('utf8') : '';
  return /^[a-z0-9.-]+\.[a-z]{2,}\$$/i.test(host) ? host.slice(0, -1) : null;
}

export function checkPublishableKey({ env, fs, setup = 'npm run setup' }) {
  const { key, source } = findPublishableKey({ env, fs });
  if (key === '') {
    return {
      what: 'VITE_CLERK_PUBLISHABLE_KEY is not set',
      fix: `${setup} (it writes it), or put your key (Clerk dashboard → API keys) in .env${fs.read('.env') === null ? ' (cp .env.example .env)' : ''}`,
    };
  }
  if (frontendApiOf(key)) return null;
  return {
    what: `VITE_CLERK_PUBLISHABLE_KEY in ${source} is not a publishable key (pk_test_… or pk_live_…)`,
    fix: `${setup}, or copy the publishable key from the Clerk dashboard → API keys`,
  };
}

const KEY_NAMES = ['CLERK_JWT_KEY', 'CLERK_SECRET_KEY'];
const JWT_KEY_HINT = 'CLERK_JWT_KEY (Clerk dashboard → API keys → JWT public key, PEM)';
/** The example files' values (`-----BEGIN PUBLIC KEY-----\n...\n…`, `sk_test_...`) are not keys. */
const isPlaceholder = (value, exampleValue = '') => value === exampleValue || value.includes('...') || value.includes('…');

/**
 * The backend's Clerk keys, present and not the example's placeholders. `config`: its settings files in order, the
 * example, the variable without which the environment does not count; relative to `dir` ('' inside backend/).
 */
export function checkBackendConfig({ config, dir, env, fs, setup = 'npm run setup' }) {
  const path = (file) => (dir ? `${dir}/${file}` : file);
  const file = config.files.find((name) => fs.read(path(name)) !== null);
  const vars = file ? parseDotenv(fs.read(path(file))) : {};
  if (!config.environmentSwitch || env[config.environmentSwitch] === 'true') {
    for (const name of KEY_NAMES) if (env[name]) vars[name] = env[name];
  }
  const example = parseDotenv(fs.read(path(config.example)) || '');
  for (const name of KEY_NAMES) {
    const value = (vars[name] || '').trim();
    if (value && isPlaceholder(value, example[name])) {
      return {
        what: `${name} in ${file ? path(file) : 'the environment'} is still the example's placeholder`,
        fix:
          name === 'CLERK_JWT_KEY'
            ? `${setup}, or replace it with your instance's key: ${JWT_KEY_HINT}`
            : `replace it with your secret key (Clerk dashboard → API keys), or remove it and set ${JWT_KEY_HINT}`,
      };
    }
  }
  if (KEY_NAMES.some((name) => (vars[name] || '').trim())) return null;
  const fix = `${setup}, or set ${JWT_KEY_HINT} in it`;
  if (file) return { what: `${path(file)} sets neither CLERK_JWT_KEY nor CLERK_SECRET_KEY`, fix };
  return {
    what: `${path(config.files[0])} is missing (the backend's Clerk settings)`,
    fix: `${setup} (it writes it), or cp ${path(config.example)} ${path(config.files[0])} and set ${JWT_KEY_HINT}`,
  };
}

/** Where Electron keeps safeStorage's key on Linux, as Chromium picks it from the desktop (no --password-store). */
export function linuxPasswordStore(env) {
  const desktops = `${env.XDG_CURRENT_DESKTOP || ''}:${env.DESKTOP_SESSION || ''}`.toUpperCase().split(':');
  if (desktops.some((name) => name.startsWith('KDE')))
    return env.KDE_SESSION_VERSION ? `kwallet${env.KDE_SESSION_VERSION}` : 'kwallet';
  const gnomeLike = ['GNOME', 'UNITY', 'X-CINNAMON', 'CINNAMON', 'DEEPIN', 'PANTHEON', 'XFCE', 'UKUI', 'MATE'];
  return desktops.some((name) => gnomeLike.includes(name)) && env.DBUS_SESSION_BUS_ADDRESS ? 'gnome-libsecret' : 'basic_text';
}

/** Linux only: a store that keeps the sign-in across launches (elsewhere the OS always has one). */
export function checkSecureStorage({ platform, env }) {
  if (platform !== 'linux' || linuxPasswordStore(env) !== 'basic_text') return null;
  return {
    what: 'Electron would keep its key in basic_text (no secret store on this desktop, or no D-Bus session): the sign-in then lasts until the app quits',
    fix: 'install a secret store and log in to a desktop session that starts it (Debian/Ubuntu: sudo apt install gnome-keyring libsecret-1-0; Fedora: sudo dnf install gnome-keyring)',
  };
}

/** The packaged app's scheme (OAuth deep links, the renderer's origin) listed in electron-builder.yml. */
export function checkSchemeRegistered({ fs, scheme }) {
  const config = fs.read('electron-builder.yml');
  const list = config && /^\s*schemes:[^\n]*\n((?:[ \t]*-[^\n]*\n?)+)/m.exec(config);
  if (list && list[1].split('\n').some((line) => line.replace(/^\s*-\s*|['"]|\s*(#.*)?$/g, '') === scheme)) return null;
  return {
    what: `electron-builder.yml does not register the ${scheme}:// scheme: packaged builds would not receive OAuth callbacks`,
    fix: `list it under protocols → schemes in electron-builder.yml: - ${scheme}`,
  };
}

/** A request with a time limit and a JSON answer (null when none); a network failure becomes `error`. */
async function fetchJson(fetch, url, init = {}) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10000) });
    return { status: response.status, ok: response.ok, body: await response.json().catch(() => null) };
  } catch (error) {
    return { error: error && error.cause ? String(error.cause.message || error.cause) : String(error) };
  }
}

export async function checkBackendHealth({ fetch, url, start }) {
  const { status, body, error } = await fetchJson(fetch, `${url}/trpc/health`);
  if (status === 200 && body && body.result) return null;
  return { what: `the backend at ${url} ${error ? `is not reachable (${error})` : `answered ${status} to health`}`, fix: start };
}

/** Clerk's Frontend API answers, its Native API is on, and CLERK_JWT_KEY (when set) is one of that instance's keys. */
export async function checkFrontendApi({ fetch, publishableKey, jwtKey, setup = 'npm run setup' }) {
  const host = frontendApiOf(publishableKey);
  if (!host) return { skip: 'no valid publishable key' };
  const { status, body, error } = await fetchJson(fetch, `https://${host}/.well-known/jwks.json`);
  if (status !== 200 || !body || !Array.isArray(body.keys)) {
    return {
      what: `Clerk's Frontend API ${host} ${error ? `is not reachable (${error})` : `answered ${status}`}`,
      fix: error ? 'check the network (proxy, firewall)' : `check the publishable key: ${setup}`,
    };
  }
  const native = await fetchJson(fetch, `https://${host}/v1/environment?_is_native=1`);
  if (native.body && (native.body.errors || []).some((error) => error.code === 'native_api_disabled')) {
    return { what: `the Native API is off for ${host}: nobody can sign in`, fix: `turn it on at ${NATIVE_API_PAGE}` };
  }
  if (!jwtKey) return null;
  let modulus;
  try {
    modulus = createPublicKey(jwtKey.replace(/\\n/g, '\n')).export({ format: 'jwk' }).n;
  } catch {
    return { what: 'CLERK_JWT_KEY is not a PEM public key', fix: setup };
  }
  if (body.keys.some((key) => key.n === modulus)) return null;
  return { what: `CLERK_JWT_KEY is not a key of ${host}, the publishable key's instance`, fix: `${setup} writes both keys` };
}

/** With the secret key in the environment: the app's origins (packaged first) are among the instance's allowed origins. */
export async function checkAllowedOrigins({ fetch, apiUrl, secretKey, origins, setup = 'npm run setup' }) {
  if (!secretKey) return { skip: 'set CLERK_SECRET_KEY for this run to check' };
  const api = clerkBackendApi({ apiUrl, secretKey, fetch });
  const instance = await api.instance().catch((error) => error);
  if (instance instanceof Error) return { what: instance.message, fix: 'check CLERK_SECRET_KEY and the network' };
  // A production instance (sk_live_) serves the packaged app only: the first origin.
  const wanted = secretKey.startsWith('sk_live_') ? origins.slice(0, 1) : origins;
  const missing = missingSettings({ instance, redirectUrls: [], origins: wanted }).addOrigins;
  if (missing.length === 0) return null;
  return { what: `the instance's allowed origins lack ${missing.join(' and ')}: Clerk refuses the app's requests`, fix: setup };
}

/** What a failed preflight prints: one line per problem. */
export function formatReport(problems) {
  const count = problems.length === 1 ? 'one thing' : `${problems.length} things`;
  const lines = problems.map(({ what, fix }) => `  - ${what}. Fix: ${fix}`);
  return [`Not ready to start: ${count} to fix first.`, ...lines].join('\n');
}

// setup.mjs

/** `sk_test_…` opens a development instance, `sk_live_…` production (only with --production). */
export function instanceOfSecretKey(key, { production }) {
  if (/^sk_test_\w+$/.test(key)) return { environment: 'development' };
  if (/^sk_live_\w+$/.test(key)) {
    return production
      ? { environment: 'production' }
      : { refusal: 'that key opens a production instance: run again with --production to change it' };
  }
  if (key.startsWith('pk_')) return { refusal: 'that is the publishable key: setup needs the secret key (sk_test_…)' };
  return { refusal: 'a secret key starts with sk_test_ or sk_live_: copy it from the Clerk dashboard → API keys' };
}

export class ClerkApiError extends Error {}

/** The Backend API calls setup (and doctor's origins check) make; a non-2xx answer throws with Clerk's own message. */
export function clerkBackendApi({ apiUrl, secretKey, fetch }) {
  async function call(method, path, body) {
    const headers = { Authorization: `Bearer ${secretKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) };
    const answer = await fetchJson(fetch, `${apiUrl}/v1${path}`, { method, headers, body: body && JSON.stringify(body) });
    const unreachable = `could not reach Clerk's Backend API at ${apiUrl} (${answer.error}): check the network or proxy`;
    if (answer.error) throw new ClerkApiError(unreachable);
    if (answer.ok) return answer.body;
    const reason = answer.body?.errors?.map((error) => error.long_message || error.message).join('; ') || `HTTP ${answer.status}`;
    const hint = answer.status === 401 ? ': copy the secret key again from the Clerk dashboard → API keys' : '';
    throw new ClerkApiError(`Clerk refused ${method} /v1${path}: ${reason}${hint}`);
  }
  return {
    instance: () => call('GET', '/instance'),
    setAllowedOrigins: (origins) => call('PATCH', '/instance', { allowed_origins: origins }),
    domains: () => call('GET', '/domains'),
    redirectUrls: () => call('GET', '/redirect_urls?limit=500'),
    addRedirectUrl: (url) => call('POST', '/redirect_urls', { url }),
    jwks: () => call('GET', '/jwks'),
  };
}

/** What the instance lacks: the whole new allowed-origins list (PATCH replaces it), the redirect URL. */
export function missingSettings({ instance, redirectUrls, origins, redirectUrl }) {
  const current = instance.allowed_origins ?? [];
  const addOrigins = origins.filter((origin) => !current.includes(origin));
  return {
    addOrigins,
    allowedOrigins: addOrigins.length > 0 ? [...current, ...addOrigins] : null,
    redirectUrl: redirectUrls.some((entry) => entry.url === redirectUrl) ? null : redirectUrl,
  };
}

/** The publishable key of the instance's primary domain: `pk_test_` + base64 of `<frontend API host>$`. */
export function publishableKeyOf(domains, environment) {
  const primary = domains.data.find((domain) => !domain.is_satellite) ?? domains.data[0];
  if (!primary) throw new ClerkApiError('the instance has no domain: open it once in the Clerk dashboard');
  const host = new URL(primary.frontend_api_url).host;
  return `pk_${environment === 'production' ? 'live' : 'test'}_${Buffer.from(`${host}$`).toString('base64')}`;
}

/** The instance's session-token signing key as PEM, on one line with \n as the example files write it. */
export function jwtKeyOf(jwks) {
  const key = jwks.keys.find((entry) => entry.kty === 'RSA' && entry.use === 'sig') ?? jwks.keys[0];
  if (!key) throw new ClerkApiError('the instance has no signing key yet');
  const pem = createPublicKey({ key, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString().trim();
  return `"${pem.replace(/\n/g, '\\n')}"`;
}

const sameValue = (a, b) => a.replace(/\\n/g, '\n').trim() === b.replace(/^"|"$/g, '').replace(/\\n/g, '\n').trim();

/** Sets each variable in a dotenv text: an empty or placeholder value is replaced, a missing one appended, one the user set kept. */
export function mergeEnv(text, values) {
  const current = parseDotenv(text);
  let merged = text;
  const [written, kept] = [[], []];
  for (const [name, value] of Object.entries(values)) {
    const existing = current[name];
    if (existing !== undefined && sameValue(existing, value)) continue;
    if (existing !== undefined && !isPlaceholder(existing.trim())) {
      kept.push(name);
      continue;
    }
    const line = new RegExp(`^[ \\t]*(export[ \\t]+)?${name}[ \\t]*=.*$`, 'm');
    merged =
      existing === undefined
        ? `${merged.replace(/\n*$/, merged ? '\n' : '')}${name}=${value}\n`
        : merged.replace(line, () => `${name}=${value}`);
    written.push(name);
  }
  return { text: merged, written, kept };
}
