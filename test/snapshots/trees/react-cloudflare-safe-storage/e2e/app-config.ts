/** What the real-window tests need to know about this app (written by create-electron-clerk-trpc). */
export const SCHEME = 'snapshot-app'; // of the packaged renderer and of OAuth deep links
export const RENDERER_ORIGIN = 'snapshot-app://renderer'; // the built renderer's (src/kit/main/security/enforce.ts)
export const HAS_BACKEND: boolean = true; // whether `remote.*` procedures reach backend/
