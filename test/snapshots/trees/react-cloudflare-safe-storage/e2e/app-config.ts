/** What the real-window tests need to know about this app (written by create-electron-clerk-trpc). */

/** The custom scheme of the packaged renderer and of OAuth deep links. */
export const SCHEME = 'snapshot-app';
/** The origin the built renderer is served from (src/kit/main/security/enforce.ts). */
export const RENDERER_ORIGIN = 'snapshot-app://renderer';
/** Whether `remote.*` procedures reach a backend (backend/). */
export const HAS_BACKEND: boolean = true;
