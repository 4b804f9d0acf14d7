/**
 * The checks of `doctor` (and the fast ones `dev` runs first), each returning null or a problem
 * `{ what, fix }` (fix: the exact command or edit). Files are read through `fs` (`read(path)` →
 * text or null, `exists(path)` → boolean) and the network through `fetch`, so tests pass fakes.
 * scripts/doctor.mjs runs them.
 *
 * Runs on old Node versions too (it has to report them): no syntax or API newer than Node 18.
 */

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const MIN_NODE = [22, 12];

/** The checks' view of the files below `root`: `read` gives the text or null, `exists` a boolean. */
export function filesUnder(root) {
  return {
    read(path) {
      try {
        return readFileSync(resolve(root, path), 'utf8');
      } catch {
        return null;
      }
    },
    exists: (path) => existsSync(resolve(root, path)),
  };
}

/** `KEY=value` lines as dotenv, Vite and wrangler read them: comments, `export`, quotes, multi-line "…". */
export function parseDotenv(text) {
  const vars = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(lines[i]);
    if (!match) continue;
    let value = match[2];
    const quote = value[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // A quoted value may span lines until its closing quote.
      while (value.indexOf(quote, 1) === -1 && i + 1 < lines.length) value += `\n${lines[++i]}`;
      const end = value.indexOf(quote, 1);
      value = end === -1 ? value.slice(1) : value.slice(1, end);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    vars[match[1]] = value;
  }
  return vars;
}

export function checkNodeVersion(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const [needMajor, needMinor] = MIN_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return {
    what: `Node.js ${version.replace(/^v/, '')} is too old: this app needs ${needMajor}.${needMinor} or newer`,
    fix: `nvm install (reads .nvmrc), or install Node.js ${needMajor} LTS from https://nodejs.org`,
  };
}

/**
 * Electron's binary as electron-vite finds it: ELECTRON_EXEC_PATH, else `dist/<path.txt>` in the
 * electron package. The package's install script writes both; installs that skip install scripts or
 * set ELECTRON_SKIP_BINARY_DOWNLOAD leave them out.
 * @param {{ electronDir: string | null, env: Record<string, string | undefined>, fs: object, install: string }} input
 *   electronDir: the electron package's folder (null when it does not resolve); install: the install command
 */
export function checkElectronBinary({ electronDir, env, fs, install }) {
  if (env.ELECTRON_EXEC_PATH) {
    if (fs.exists(env.ELECTRON_EXEC_PATH)) return null;
    return {
      what: `ELECTRON_EXEC_PATH points to ${env.ELECTRON_EXEC_PATH}, which does not exist`,
      fix: 'unset ELECTRON_EXEC_PATH, or point it at an Electron binary',
    };
  }
  if (electronDir === null) return { what: 'the electron package is not installed', fix: install };
  const installScript = `node ${electronDir.replace(/\\/g, '/')}/install.js`;
  const executable = fs.read(`${electronDir}/path.txt`);
  if (executable && fs.exists(`${electronDir}/dist/${executable.trim()}`)) return null;
  return {
    what: "Electron's binary is not downloaded (its install step was skipped, e.g. by ELECTRON_SKIP_BINARY_DOWNLOAD)",
    fix: `${installScript} (behind a proxy or mirror: set ELECTRON_MIRROR first)`,
  };
}

/** Where electron-vite's dev mode reads VITE_* variables, lowest priority first; the environment wins. */
const RENDERER_ENV_FILES = ['.env', '.env.local', '.env.development', '.env.development.local'];

/** The publishable key the renderer gets, and where it comes from. */
export function findPublishableKey({ env, fs }) {
  if (env.VITE_CLERK_PUBLISHABLE_KEY) return { key: env.VITE_CLERK_PUBLISHABLE_KEY.trim(), source: 'the environment' };
  let found = { key: '', source: '' };
  for (const file of RENDERER_ENV_FILES) {
    const text = fs.read(file);
    const value = text === null ? undefined : parseDotenv(text).VITE_CLERK_PUBLISHABLE_KEY;
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
  if (!frontendApiOf(key)) {
    return {
      what: `VITE_CLERK_PUBLISHABLE_KEY in ${source} is not a publishable key (pk_test_… or pk_live_…)`,
      fix: `${setup}, or copy the publishable key from the Clerk dashboard → API keys`,
    };
  }
  return null;
}

const KEY_NAMES = ['CLERK_JWT_KEY', 'CLERK_SECRET_KEY'];
const JWT_KEY_HINT = 'CLERK_JWT_KEY (Clerk dashboard → API keys → JWT public key, PEM)';

/** The example files' values (`-----BEGIN PUBLIC KEY-----\n...\n…`, `sk_test_...`) are not keys. */
function isPlaceholder(value, exampleValue) {
  return value === exampleValue || value.includes('...') || value.includes('…');
}

/**
 * The backend's Clerk keys: present and not the example's placeholders.
 * @param {{ config: { files: string[], example: string, environmentSwitch?: string }, dir: string, env: Record<string, string | undefined>, fs: object }} input
 *   config: where the backend reads its settings (its variant says so), relative to its folder: the
 *   files in order, the example, and the variable without which the environment does not count.
 *   dir: the backend folder as the user's shell sees it ('backend', or '' inside it): paths are read
 *   and shown relative to it.
 */
export function checkBackendConfig({ config, dir, env, fs, setup = 'npm run setup' }) {
  const path = (file) => (dir ? `${dir}/${file}` : file);
  const file = config.files.find((name) => fs.read(path(name)) !== null);
  const vars = file ? parseDotenv(fs.read(path(file))) : {};
  if (!config.environmentSwitch || env[config.environmentSwitch] === 'true') {
    for (const name of KEY_NAMES) if (env[name]) vars[name] = env[name];
  }
  const exampleText = fs.read(path(config.example));
  const example = exampleText === null ? {} : parseDotenv(exampleText);
  const configFile = path(config.files[0]);

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
  if (!file) {
    return {
      what: `${configFile} is missing (the backend's Clerk settings)`,
      fix: `${setup} (it writes it), or cp ${path(config.example)} ${configFile} and set ${JWT_KEY_HINT}`,
    };
  }
  return { what: `${path(file)} sets neither CLERK_JWT_KEY nor CLERK_SECRET_KEY`, fix: `${setup}, or set ${JWT_KEY_HINT} in it` };
}

/** Where Electron keeps safeStorage's key on Linux, as Chromium picks it from the desktop (no --password-store). */
export function linuxPasswordStore(env) {
  const desktops = `${env.XDG_CURRENT_DESKTOP || ''}:${env.DESKTOP_SESSION || ''}`.toUpperCase().split(':');
  if (desktops.some((name) => name.startsWith('KDE')))
    return env.KDE_SESSION_VERSION ? `kwallet${env.KDE_SESSION_VERSION}` : 'kwallet';
  const gnomeLike = ['GNOME', 'UNITY', 'X-CINNAMON', 'CINNAMON', 'DEEPIN', 'PANTHEON', 'XFCE', 'UKUI', 'MATE'];
  if (desktops.some((name) => gnomeLike.includes(name))) return env.DBUS_SESSION_BUS_ADDRESS ? 'gnome-libsecret' : 'basic_text';
  return 'basic_text';
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

/** GET with a time limit; network failures become a problem naming what was unreachable. */
async function fetchJson(fetch, url, init = {}) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch (error) {
    return { error: error && error.cause ? String(error.cause.message || error.cause) : String(error) };
  }
}

/** The backend answers its public `health` procedure. */
export async function checkBackendHealth({ fetch, url, start }) {
  const { status, body, error } = await fetchJson(fetch, `${url}/trpc/health`);
  if (status === 200 && body && body.result) return null;
  return { what: `the backend at ${url} ${error ? `is not reachable (${error})` : `answered ${status} to health`}`, fix: start };
}

/**
 * Clerk's Frontend API for the publishable key answers, with the Native API on (it says so when a
 * native request comes while it is off), and when CLERK_JWT_KEY is set its key is one of that
 * instance's signing keys (a key from another instance verifies no token of this one).
 */
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
    return {
      what: `the Native API is off for ${host}: @clerk/electron cannot sign anyone in`,
      fix: 'turn it on at https://dashboard.clerk.com/~/native-applications (only the dashboard can)',
    };
  }
  if (!jwtKey) return null;
  const { createPublicKey } = await import('node:crypto');
  let modulus;
  try {
    modulus = createPublicKey(jwtKey.replace(/\\n/g, '\n')).export({ format: 'jwk' }).n;
  } catch {
    return { what: 'CLERK_JWT_KEY is not a PEM public key', fix: setup };
  }
  if (body.keys.some((key) => key.n === modulus)) return null;
  return {
    what: `CLERK_JWT_KEY is not a key of the instance ${host} (the publishable key's)`,
    fix: `${setup} writes both from one instance`,
  };
}

/** With the secret key in the environment: the app's origins (packaged first) are among the instance's allowed origins. */
export async function checkAllowedOrigins({ fetch, apiUrl, secretKey, origins, setup = 'npm run setup' }) {
  if (!secretKey) return { skip: 'set CLERK_SECRET_KEY for this run to check' };
  const { status, body, error } = await fetchJson(fetch, `${apiUrl}/v1/instance`, {
    headers: { Authorization: `Bearer ${secretKey}` },
  });
  if (status !== 200 || !body)
    return {
      what: `Clerk's Backend API ${error ? `is not reachable (${error})` : `answered ${status}`}`,
      fix: 'check CLERK_SECRET_KEY and the network',
    };
  // A production instance (sk_live_) serves the packaged app only: the first origin.
  const wanted = secretKey.startsWith('sk_live_') ? origins.slice(0, 1) : origins;
  const missing = wanted.filter((origin) => !(body.allowed_origins || []).includes(origin));
  if (missing.length === 0) return null;
  return { what: `the instance's allowed origins lack ${missing.join(' and ')}: Clerk refuses the app's requests`, fix: setup };
}

/** One line per problem; the whole text a failed preflight prints. */
export function formatReport(problems) {
  const count = problems.length === 1 ? 'one thing' : `${problems.length} things`;
  return [`Not ready to start: ${count} to fix first.`, ...problems.map(({ what, fix }) => `  - ${what}. Fix: ${fix}`)].join(
    '\n',
  );
}
