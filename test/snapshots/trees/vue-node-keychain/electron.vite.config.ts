/**
 * Builds the three parts of the app into out/: main (Node), preload (sandboxed), renderer (web).
 * `dev` serves the renderer with HMR at http://localhost:5173 and restarts Electron when main or
 * the preload change.
 */
import vue from '@vitejs/plugin-vue';
import { defineConfig, loadEnv } from 'electron-vite';
import { publishableKeyBuildError } from './src/kit/shared/publishable-key';

/**
 * The environment variables main may see, baked in at build time (see src/kit/main/config.ts).
 * Exact names of public values only: never widen this to a prefix like `CLERK_`, which would
 * pull CLERK_SECRET_KEY into the app.
 */
const MAIN_ENV_PREFIXES = ['VITE_CLERK_PUBLISHABLE_KEY', 'BACKEND_URL', 'CLERK_JWT_KEY', 'ENABLE_DEVTOOLS'];

/** Fixed so that Clerk's allowed origins and the backend's authorized parties can name it. */
const DEV_SERVER_PORT = 5173;

export default defineConfig(({ mode }) => {
  // What is baked into out/ is checked before it is built: a secret key must never ship.
  const keyError = publishableKeyBuildError(loadEnv(mode, process.cwd(), 'VITE_').VITE_CLERK_PUBLISHABLE_KEY);
  if (keyError) throw new Error(keyError);
  return {
    main: {
      envPrefix: MAIN_ENV_PREFIXES,
      build: {
        // Main is bundled with its dependencies (ES-module-only ones like jose included), so the
        // packaged app ships out/ and no node_modules. Native modules cannot be bundled: list them
        // in `external` and in package.json `dependencies`.
        externalizeDeps: false,
        rolldownOptions: { external: ['@napi-rs/keyring'] },
      },
    },
    preload: {
      envPrefix: [],
      build: {
        // The window is sandboxed: its preload cannot require() packages, so everything it imports
        // is bundled into one CommonJS file.
        externalizeDeps: false,
        rolldownOptions: { output: { format: 'cjs' } },
      },
    },
    renderer: {
      plugins: [vue()],
      // electron-vite does not minify the renderer by default; minified, the code that runs before the
      // first paint is 60% smaller and Clerk's chunk after it 30% smaller.
      build: { minify: true },
      server: { host: 'localhost', port: DEV_SERVER_PORT, strictPort: true },
    },
  };
});
