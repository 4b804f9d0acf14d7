import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What every dependency a generated app can get is for. The bench fails when the default app
 * declares a dependency that is missing here, so that nothing is added without a reason.
 */
export const DEPENDENCY_PURPOSES: Readonly<Record<string, string>> = {
  // Auth
  '@clerk/electron': 'Clerk sign-in in the renderer and the bridge to main (official SDK, pinned: beta)',
  '@clerk/backend': 'backend: verifies the session JWT main forwards (backend only: it is where the secret key lives)',
  jose: 'main: verifies the session JWT locally (JWKS or CLERK_JWT_KEY) before trusting the caller',
  // tRPC
  '@trpc/server': 'main: the router behind the IPC handler',
  '@trpc/client': 'renderer: the client over our IPC link; main: the client to the backend',
  '@trpc/tanstack-react-query': 'React: typed query/mutation options for TanStack Query',
  '@tanstack/react-query': 'React: caching and refetching of tRPC calls',
  zod: 'input validation of procedures',
  superjson: 'tRPC transformer: Dates, Maps and Sets survive IPC and HTTP',
  // Electron toolchain
  electron: 'the desktop runtime',
  'electron-vite': 'dev server and build of main, preload and renderer',
  'electron-builder': '`npm run package`: the installable app',
  vite: 'renderer bundler (used by electron-vite)',
  vitest: '`npm test` (offline tests of main, preload and the IPC bridge) and `npm run bench`',
  typescript: 'TypeScript 6: the JavaScript API for the editor, typescript-eslint and vue-tsc',
  'typescript-7': '`npm run typecheck`: TypeScript 7, the native compiler (npm alias of typescript@7)',
  'electron-updater': 'packaged builds: checks for and installs updates',
  '@playwright/test': '`npm run test:e2e`: drives the built app',
  '@types/node': 'types of Node APIs in main, preload and tests',
  // React
  react: 'React UI',
  'react-dom': 'React UI in the DOM',
  'react-router': 'React: the screens on hash routes, one route per window',
  '@types/react': 'types for React',
  '@types/react-dom': 'types for react-dom',
  '@vitejs/plugin-react': 'JSX and fast refresh in the renderer',
  '@clerk/clerk-js': 'Vue/vanilla: Clerk in the renderer (what @clerk/electron wraps for React)',
  '@clerk/shared': 'Vue/vanilla: Clerk types and helpers shared by its SDKs',
  // Vue
  vue: 'Vue UI',
  '@clerk/vue': 'Vue: Clerk components and composables',
  '@vitejs/plugin-vue': 'Vue single-file components in the renderer',
  'vue-tsc': 'type checking of .vue files',
  // Backends
  wrangler: 'Cloudflare backend: local dev server (workerd) and deploy',
  '@cloudflare/workers-types': 'Cloudflare backend: types of the Workers runtime',
  '@cloudflare/vitest-pool-workers': 'Cloudflare backend: tests inside workerd',
  tsx: 'Node backend: runs the TypeScript server in dev',
  esbuild: 'Node backend: bundles the server for production',
  hono: 'Node backend: HTTP routing',
  '@hono/node-server': 'Node backend: serves hono on Node',
  '@hono/trpc-server': 'Node backend: mounts tRPC at /trpc',
  concurrently: '`npm run dev`: backend and Electron together, one Ctrl+C stops both',
  eventsource: "main: the backend's server-sent events (tRPC subscriptions over HTTP)",
  'drizzle-orm': 'backend: typed SQL over D1 (Workers) or libSQL (Node)',
  'drizzle-kit': 'backend: `npm run db:generate`, SQL migrations from the schema',
  '@libsql/client': 'Node backend: the SQLite database',
  // Lint and format
  eslint: '`npm run lint`',
  '@eslint/js': "lint: ESLint's recommended rules",
  'typescript-eslint': 'lint: TypeScript rules and parser',
  'eslint-config-prettier': 'lint: turns off rules that Prettier decides',
  'eslint-plugin-react-hooks': 'React lint: rules of hooks',
  'eslint-plugin-react-refresh': 'React lint: components fast refresh can reload',
  globals: 'lint: the globals of Node and the browser',
  prettier: '`npm run format`',
  // Token storage
  keytar: 'keychain storage: the OS credential store',
  '@napi-rs/keyring': 'keychain storage: the OS credential store',
};

/** Where a workspace uses a dependency for something else than the app does, by manifest. */
export const PURPOSES_BY_MANIFEST: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'backend/package.json': {
    '@trpc/server': 'backend: serves the `/trpc` API',
    superjson: 'backend: same transformer as main, so Dates survive HTTP',
    zod: 'backend: validates procedure inputs',
    jose: 'backend tests: sign session tokens with a locally generated key',
    'typescript-7': 'backend typecheck (TypeScript 7, run from ../node_modules/typescript-7)',
    vitest: 'backend tests',
    '@types/node': 'backend: types of Node APIs (tests, tooling)',
  },
};

export interface DeclaredDependency {
  name: string;
  version: string;
  kind: 'dependencies' | 'devDependencies';
  /** package.json that declares it, relative to the app root */
  manifest: string;
}

function findManifests(dir: string, root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findManifests(path, root));
    else if (entry.name === 'package.json') found.push(relative(root, path));
  }
  return found;
}

/** Every dependency declared by any package.json of a generated app (root and workspaces). */
export function declaredDependencies(appDir: string): DeclaredDependency[] {
  if (!existsSync(join(appDir, 'package.json'))) throw new Error(`${appDir} has no package.json`);
  const declared: DeclaredDependency[] = [];
  // The app's own package.json first, then workspaces.
  const manifests = findManifests(appDir, appDir).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const manifest of manifests) {
    const pkg = JSON.parse(readFileSync(join(appDir, manifest), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const kind of ['dependencies', 'devDependencies'] as const) {
      for (const [name, version] of Object.entries(pkg[kind] ?? {})) declared.push({ name, version, kind, manifest });
    }
  }
  return declared;
}

/** Pairs each declared dependency with its purpose; throws naming every dependency without one. */
export function explainDependencies(declared: readonly DeclaredDependency[]): (DeclaredDependency & { purpose: string })[] {
  const purposeOf = (d: DeclaredDependency): string | undefined =>
    PURPOSES_BY_MANIFEST[d.manifest]?.[d.name] ?? DEPENDENCY_PURPOSES[d.name];
  const unexplained = [...new Set(declared.filter((d) => purposeOf(d) === undefined).map((d) => `${d.name} (${d.manifest})`))];
  if (unexplained.length > 0) {
    throw new Error(
      `no purpose written for: ${unexplained.join(', ')}.\n` +
        'Say what each is for in bench/lib/dependency-purposes.ts (or drop the dependency).',
    );
  }
  return declared.map((d) => ({ ...d, purpose: purposeOf(d)! }));
}
