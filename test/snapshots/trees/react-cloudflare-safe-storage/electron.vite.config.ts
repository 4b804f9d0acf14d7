// Builds main, preload and renderer into out/; `dev` serves the renderer with HMR and restarts Electron when main changes.
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'electron-vite';
import { publishableKeyBuildError } from './src/kit/shared/publishable-key';

// What main may see, baked in at build time: exact public names, never a prefix like `CLERK_` (it takes CLERK_SECRET_KEY).
const MAIN_ENV_PREFIXES = ['VITE_CLERK_PUBLISHABLE_KEY', 'BACKEND_URL', 'CLERK_JWT_KEY', 'ENABLE_DEVTOOLS'];

export default defineConfig(({ mode }) => {
  // What is baked into out/ is checked before it is built: a secret key must never ship.
  const keyError = publishableKeyBuildError(loadEnv(mode, process.cwd(), 'VITE_').VITE_CLERK_PUBLISHABLE_KEY);
  if (keyError) throw new Error(keyError);
  return {
    main: {
      envPrefix: MAIN_ENV_PREFIXES,
      build: {
        // Main is bundled with its dependencies (no node_modules ships); native modules go in `external` and `dependencies`.
        externalizeDeps: false,
      },
    },
    // The sandboxed preload cannot require() packages: everything it imports goes into one CommonJS file.
    preload: { envPrefix: [], build: { externalizeDeps: false, rolldownOptions: { output: { format: 'cjs' } } } },
    renderer: {
      plugins: [react()],
      // Minified, the code before the first paint is 60% smaller (electron-vite does not minify the renderer).
      build: { minify: true },
      // A fixed port, so that Clerk's allowed origins and the backend's authorized parties can name it.
      server: { host: 'localhost', port: 5173, strictPort: true },
    },
  };
});
