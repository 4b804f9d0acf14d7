/**
 * What `dev` needs before it starts anything, as pure checks: each returns null or a problem
 * `{ what, fix }` (fix: the exact command or edit). Files are read through `fs` (`read(path)` →
 * text or null, `exists(path)` → boolean), so tests pass a fake one. scripts/preflight.mjs runs them.
 *
 * Runs on old Node versions too (it has to report them): no syntax or API newer than Node 18.
 */

export const MIN_NODE = [22, 12];

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

export function checkPublishableKey({ env, fs }) {
  let key = env.VITE_CLERK_PUBLISHABLE_KEY;
  let source = 'the environment';
  if (!key) {
    for (const file of RENDERER_ENV_FILES) {
      const text = fs.read(file);
      const value = text === null ? undefined : parseDotenv(text).VITE_CLERK_PUBLISHABLE_KEY;
      if (value) [key, source] = [value, file];
    }
  }
  key = key ? key.trim() : '';
  if (key === '') {
    return {
      what: 'VITE_CLERK_PUBLISHABLE_KEY is not set',
      fix: `${fs.read('.env') === null ? 'cp .env.example .env, then put' : 'put'} your key (Clerk dashboard → API keys) in .env: VITE_CLERK_PUBLISHABLE_KEY=pk_test_…`,
    };
  }
  if (!/^pk_(test|live)_./.test(key)) {
    return {
      what: `VITE_CLERK_PUBLISHABLE_KEY in ${source} is not a publishable key (pk_test_… or pk_live_…)`,
      fix: 'copy the publishable key from the Clerk dashboard → API keys',
    };
  }
  return null;
}

/**
 * Where each backend reads its Clerk settings in development. The Worker: `.dev.vars`, else `.env`
 * (wrangler's fallback), the environment only with CLOUDFLARE_INCLUDE_PROCESS_ENV=true. Node: `.env`
 * (--env-file-if-exists), under the environment.
 */
export const BACKEND_CONFIG = {
  cloudflare: {
    files: ['.dev.vars', '.env'],
    example: '.dev.vars.example',
    readsEnvironment: (env) => env.CLOUDFLARE_INCLUDE_PROCESS_ENV === 'true',
  },
  node: { files: ['.env'], example: '.env.example', readsEnvironment: () => true },
};

const KEY_NAMES = ['CLERK_JWT_KEY', 'CLERK_SECRET_KEY'];
const JWT_KEY_HINT = 'CLERK_JWT_KEY (Clerk dashboard → API keys → JWT public key, PEM)';

/** The example files' values (`-----BEGIN PUBLIC KEY-----\n...\n…`, `sk_test_...`) are not keys. */
function isPlaceholder(value, exampleValue) {
  return value === exampleValue || value.includes('...') || value.includes('…');
}

/**
 * The backend's Clerk keys: present and not the example's placeholders.
 * @param {{ target: string, dir: string, env: Record<string, string | undefined>, fs: object }} input
 *   dir: the backend folder as the user's shell sees it ('backend', or '' inside it): paths are read
 *   and shown relative to it.
 */
export function checkBackendConfig({ target, dir, env, fs }) {
  const config = BACKEND_CONFIG[target];
  if (!config) return null;
  const path = (file) => (dir ? `${dir}/${file}` : file);
  const file = config.files.find((name) => fs.read(path(name)) !== null);
  const vars = file ? parseDotenv(fs.read(path(file))) : {};
  if (config.readsEnvironment(env)) {
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
            ? `replace it with your instance's key: ${JWT_KEY_HINT}`
            : `replace it with your secret key (Clerk dashboard → API keys), or remove it and set ${JWT_KEY_HINT}`,
      };
    }
  }
  if (KEY_NAMES.some((name) => (vars[name] || '').trim())) return null;
  if (!file) {
    return {
      what: `${configFile} is missing (the backend's Clerk settings)`,
      fix: `cp ${path(config.example)} ${configFile}, then set ${JWT_KEY_HINT}`,
    };
  }
  return { what: `${path(file)} sets neither CLERK_JWT_KEY nor CLERK_SECRET_KEY`, fix: `set ${JWT_KEY_HINT} in it` };
}

/** One line per problem; the whole text a failed preflight prints. */
export function formatReport(problems) {
  const count = problems.length === 1 ? 'one thing' : `${problems.length} things`;
  return [`Not ready to start: ${count} to fix first.`, ...problems.map(({ what, fix }) => `  - ${what}. Fix: ${fix}`)].join(
    '\n',
  );
}
