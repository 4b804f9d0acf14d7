/// <reference types="electron-vite/node" />

/** What electron-vite exposes to main (MAIN_ENV_PREFIXES in electron.vite.config.ts). */
interface ImportMetaEnv {
  readonly VITE_CLERK_PUBLISHABLE_KEY?: string;
  readonly BACKEND_URL?: string;
  readonly CLERK_JWT_KEY?: string;
}
