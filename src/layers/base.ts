import type { LayerFactory } from './types.js';

/**
 * TypeScript 7, the native compiler, by its package's path: both `typescript` (6.0, for typescript-eslint,
 * vue-tsc and editors) and `typescript-7` declare a `tsc` bin, and which one node_modules/.bin/tsc is
 * depends on the package manager.
 */
export const TSC = 'node node_modules/typescript-7/bin/tsc';

/** Every precondition, one line each with its fix (templates/base/scripts/doctor.mjs); `--fast`: dev's offline ones. */
export const DOCTOR = 'node scripts/doctor.mjs';

/**
 * About 85 MB the app never loads: @clerk/clerk-js ships its dist/ already bundled (it imports none
 * of these), yet declares them as dependencies, the wallet SDKs with viem among them. Only packages
 * nothing else in the app depends on. (electron-builder's Squirrel.Windows, 31 MB, is a peer
 * dependency: npm ci fails on an override of it.)
 */
const UNUSED_PACKAGES = [
  '@base-org/account',
  '@coinbase/wallet-sdk',
  '@stripe/stripe-js',
  '@swc/helpers',
  '@wallet-standard/core',
  '@zxcvbn-ts/core',
  '@zxcvbn-ts/language-common',
  'browser-tabs-lock',
  'core-js',
  'crypto-js',
];

/** Everything every generated app has: Electron shell, IPC bridge, auth in main, tests. */
export const baseLayer: LayerFactory = () => ({
  templateDir: 'base',
  // electron-vite bundles main, preload and renderer with everything they import into out/, so the
  // packaged app needs no node_modules: these are all build-time dependencies, and electron-builder
  // packs nothing but out/. Only native modules (storage-keychain) stay runtime `dependencies`.
  devDependencies: [
    '@clerk/electron',
    '@trpc/server',
    '@trpc/client',
    'superjson',
    'jose',
    'electron',
    'electron-vite',
    'electron-builder',
    'vite',
    'vitest',
    'typescript',
    'typescript-7',
    '@types/node',
    // Lint and format (eslint.config.mjs, package.json's `prettier`); the framework layer adds its plugin.
    'eslint',
    '@eslint/js',
    'typescript-eslint',
    'eslint-config-prettier',
    'globals',
    'prettier',
    // Auto-update in packaged builds (src/kit/main/updates), bundled into out/main like the rest.
    'electron-updater',
    // Real-window tests (e2e/): Playwright's Electron support; no browser is downloaded.
    '@playwright/test',
  ],
  scripts: {
    // Every script that starts Electron checks first (Node, Electron's binary, the Clerk key).
    dev: [`${DOCTOR} --fast`, 'electron-vite dev'],
    build: ['electron-vite build'],
    // One project per environment; a framework that needs another checker replaces the `renderer`
    // step (Vue: vue-tsc, so .vue files are checked too;
    // vue-tsc needs TypeScript's JavaScript API, which TypeScript 7 lacks: it runs on TypeScript 6).
    typecheck: [
      `${DOCTOR} node`,
      `${TSC} --noEmit -p tsconfig.node.json`,
      { id: 'renderer', run: `${TSC} --noEmit -p tsconfig.web.json` },
      `${TSC} --noEmit -p tsconfig.json`,
    ],
    test: [`${DOCTOR} node`, 'vitest run'],
    // Lint and the format check; writes nothing and fails on any finding (no cache: CI starts clean).
    lint: ['eslint --max-warnings 0 .', 'prettier --check .'],
    format: ['prettier --write .'],
    // Playwright on the built app in a real window; fails fast without Electron's binary.
    'test:e2e': [`${DOCTOR} node electron`, 'electron-vite build', 'playwright test --config e2e/playwright.config.ts'],
    // Installers for the current OS into dist/ (electron-builder.yml); release.yml publishes them.
    package: ['electron-vite build', 'electron-builder --publish never'],
    // Clerk through its Backend API (the secret key is asked, never stored), then every precondition.
    setup: ['node scripts/setup.mjs'],
    doctor: [DOCTOR],
  },
  // electron downloads its binary; electron-winstaller (electron-builder, Windows) picks its 7-Zip.
  installScripts: ['electron', 'electron-winstaller'],
  unusedDependencies: UNUSED_PACKAGES,
  // `main` is the entry Electron starts (electron-vite's output); electron-builder wants a description.
  manifest: {
    main: './out/main/index.js',
    description: 'A desktop app with Clerk sign-in and tRPC over Electron IPC',
    prettier: { singleQuote: true, printWidth: 130 },
  },
});
