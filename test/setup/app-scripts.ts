/** The generated app's plain-JavaScript script modules, typed for these tests (the app carries no types for them). */
import type * as PreflightChecks from './preflight-checks-types.js';
import type * as SetupClerk from './setup-clerk-types.js';

export type { PreflightFs } from './preflight-checks-types.js';

const load = (name: string) => import(new URL(`../../templates/base/scripts/${name}`, import.meta.url).href);
export const checks = (await load('lib.mjs')) as typeof PreflightChecks;
export const setupClerk = (await load('lib.mjs')) as typeof SetupClerk;
