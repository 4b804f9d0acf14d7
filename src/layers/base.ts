import type { LayerFactory } from './types.js';

/** Everything every generated app has: Electron shell, IPC bridge, auth in main, tests. */
export const baseLayer: LayerFactory = () => ({
  templateDir: 'base',
  dependencies: ['@clerk/electron', '@trpc/server', '@trpc/client', 'zod', 'superjson', 'jose'],
  devDependencies: ['electron', 'electron-vite', 'electron-builder', 'vite', 'vitest', 'typescript', '@types/node'],
  scripts: {
    dev: 'electron-vite dev',
    build: 'electron-vite build',
    typecheck: 'tsc --noEmit -p tsconfig.node.json && tsc --noEmit -p tsconfig.web.json',
    test: 'vitest run',
    package: 'electron-vite build && electron-builder --dir',
  },
  installScripts: ['electron', 'esbuild'],
});
