// Builds main (Node), preload (sandboxed) and renderer (web) into out/; `dev` serves the renderer with HMR
// and restarts Electron when main or the preload change.
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'electron-vite';
import { publishableKeyBuildError } from './src/kit/shared/publishable-key';

// What main may see, baked in at build time: exact names of public values, never a prefix like `CLERK_`,
// which would pull CLERK_SECRET_KEY into the app.
const MAIN_ENV_PREFIXES = ['VITE_CLERK_PUBLISHABLE_KEY', 'BACKEND_URL', 'CLERK_JWT_KEY', 'ENABLE_DEVTOOLS'];

export default defineConfig(({ mode }) => {
  // What is baked into out/ is checked before it is built: a secret key must never ship.
  const keyError = publishableKeyBuildError(loadEnv(mode, process.cwd(), 'VITE_').VITE_CLERK_PUBLISHABLE_KEY);
  if (keyError) throw new Error(keyError);
  return {
    main: {
      envPrefix: MAIN_ENV_PREFIXES,
      build: {
        // Main is bundled with its dependencies, so the packaged app ships out/ and no node_modules.
        // Native modules cannot be bundled: list them in `external` and in package.json `dependencies`.
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
