/// <reference types="vite/client" />

/** What Vite exposes to the renderer: only `VITE_`-prefixed variables, all of them public. */
interface ImportMetaEnv {
  readonly VITE_CLERK_PUBLISHABLE_KEY?: string;
}
