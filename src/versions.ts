/**
 * Every dependency version a generated app can get, in one place.
 * `@clerk/*` packages are pinned exactly: @clerk/electron is in beta and its minor bumps break.
 * Layers (src/layers) name dependencies by key; the planner looks the versions up here.
 */
export const VERSIONS = {
  // Clerk
  '@clerk/electron': '0.0.45',
  '@clerk/backend': '3.25.0',
  // The Vue and vanilla renderers configure clerk-js themselves (src/kit/renderer/clerk-native.ts):
  // the same clerk-js and shared that @clerk/electron 0.0.45 resolves, so there is one copy of each.
  '@clerk/clerk-js': '6.40.0',
  '@clerk/shared': '4.41.0',
  '@clerk/vue': '2.5.0',
  // tRPC and friends
  '@trpc/server': '11.25.2',
  '@trpc/client': '11.25.2',
  '@trpc/tanstack-react-query': '11.22.1',
  '@tanstack/react-query': '^5.108.4',
  zod: '^4.6.7',
  superjson: '^2.2.7',
  jose: '^6.2.18',
  // Electron toolchain
  electron: '45.5.0',
  'electron-vite': '^6.0.0',
  'electron-builder': '^26.17.0',
  vite: '^8.4.0',
  vitest: '^5.1.2',
  // Two TypeScripts (TSC in src/layers/base.ts says why): `typescript` is 6.0, the last with the JS API
  // that editors, typescript-eslint (peer <6.1) and vue-tsc load; `typescript-7` is the native
  // compiler that `typecheck` runs (about 4x faster), under an npm alias because both are named `typescript`.
  typescript: '~6.0.3',
  'typescript-7': 'npm:typescript@~7.0.2',
  // Held at Node 22's types: the app's scripts and the Node backend run on Node >= 22.12.
  '@types/node': '^22.20.7',
  // Lint and format (base layer; the framework layers add their ESLint plugin)
  eslint: '^10.15.0',
  '@eslint/js': '^10.0.1',
  'typescript-eslint': '^8.74.0',
  'eslint-config-prettier': '^10.1.8',
  globals: '^17.14.0',
  prettier: '^3.10.1',
  // eslint-plugin-react (7.37) does not support ESLint 10 yet: React apps get the React team's
  // hooks plugin and Vite's react-refresh plugin, as electron-vite's React template does.
  'eslint-plugin-react-hooks': '^7.1.1',
  'eslint-plugin-react-refresh': '^0.5.8',
  'eslint-plugin-vue': '^10.12.1',
  'vue-eslint-parser': '^10.4.2',
  // Shipping: auto-update (bundled into main like everything else) and real-window tests
  'electron-updater': '^6.8.10',
  '@playwright/test': '^1.65.1',
  // Remote backends (backend layers)
  // Each wrangler release asks for the workers-types of its own date as a peer, so the two move
  // together: a caret on wrangler alone installs a release whose types may not be published yet.
  wrangler: '~4.164.0',
  '@cloudflare/workers-types': '^5.20261117.1',
  hono: '^4.13.19',
  '@hono/node-server': '^2.1.9',
  '@hono/trpc-server': '^0.4.2',
  tsx: '^4.23.15',
  esbuild: '^0.28.2',
  concurrently: '^10.0.7',
  // Backend data: one Drizzle schema for D1 (Workers) and libSQL (Node); drizzle-kit writes the migrations.
  'drizzle-orm': '^0.45.4',
  'drizzle-kit': '^0.31.11',
  '@libsql/client': '^0.18.0',
  // Main's SSE client for backend subscriptions (Node 22 has no EventSource); sends the token via its fetch option.
  eventsource: '^5.1.5',
  // Token storage (storage layers)
  '@napi-rs/keyring': '^2.1.2',
  // React
  // @clerk/electron 0.0.45 allows react ~19.3 (its peer range pins each minor, hence ~).
  react: '~19.3.1',
  'react-dom': '~19.3.1',
  '@types/react': '^19.3.3',
  '@types/react-dom': '^19.3.0',
  '@vitejs/plugin-react': '^6.3.0',
  'react-router': '^7.18.7',
  // Vue
  vue: '~3.5.45',
  // 4.x: 5.x adds only file-based routing (a build plugin and its dependencies), which the app does not use.
  'vue-router': '^4.6.5',
  'vue-tsc': '^3.3.14',
  '@vitejs/plugin-vue': '^6.0.11',
} as const satisfies Record<string, string>;

export type PackageName = keyof typeof VERSIONS;
