import type { LayerFactory } from './types.js';

/** Everything every generated app has: Electron shell, IPC bridge, auth in main, tests. */
export const baseLayer: LayerFactory = (options) => ({
  templateDir: 'base',
  // electron-vite bundles main, preload and renderer with everything they import into out/, so the
  // packaged app needs no node_modules: these are all build-time dependencies, and electron-builder
  // packs nothing but out/. Only native modules (storage-keychain) stay runtime `dependencies`.
  devDependencies: [
    '@clerk/electron',
    '@trpc/server',
    '@trpc/client',
    'zod',
    'superjson',
    'jose',
    'electron',
    'electron-vite',
    'electron-builder',
    'vite',
    'vitest',
    'typescript',
    '@types/node',
  ],
  scripts: {
    dev: 'electron-vite dev',
    build: 'electron-vite build',
    // The renderer's project goes through vue-tsc in Vue apps, so .vue files are checked too.
    typecheck: `tsc --noEmit -p tsconfig.node.json && ${options.framework === 'vue' ? 'vue-tsc' : 'tsc'} --noEmit -p tsconfig.web.json && tsc --noEmit -p tsconfig.test.json`,
    test: 'vitest run',
    bench: 'vitest run --config bench/vitest.config.mts',
    package: 'electron-vite build && electron-builder --dir',
  },
  // electron downloads its binary; electron-winstaller (electron-builder, Windows) picks its 7-Zip.
  installScripts: ['electron', 'electron-winstaller'],
  // Banners only (deps of @clerk/electron): skipped.
  ignoredInstallScripts: ['browser-tabs-lock', 'core-js'],
  // `main` is the entry Electron starts (electron-vite's output); electron-builder wants a description.
  manifest: { main: './out/main/index.js', description: 'A desktop app with Clerk sign-in and tRPC over Electron IPC' },
});
