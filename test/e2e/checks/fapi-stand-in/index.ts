/** A test-only stand-in for Clerk's Frontend API: see stand-in.ts. */
import { createSigningKey } from './signing.js';
import { FapiStandIn } from './stand-in.js';
import { pinnedClerkUiVersion, provisionClerkUi } from './ui-bundle.js';

export { CHECKED_WITH_CLERK_JS } from './version.js';
export { FapiStandIn, type FapiRequest, type FapiResponse, type MintedToken } from './stand-in.js';
export type { StandInMembership, StandInUser } from './resources.js';
export { SESSION_TOKEN_LIFETIME_SECONDS, type SigningKey } from './signing.js';
export { routeToStandIn } from './playwright.js';

/** A stand-in for the Frontend API of `host`, serving the Clerk UI version the app at `appDir` pins. */
export async function createFapiStandIn(options: { host: string; appDir: string; now: () => number; applicationName: string }) {
  const key = await createSigningKey();
  const ui = provisionClerkUi(pinnedClerkUiVersion(options.appDir));
  return new FapiStandIn({ host: options.host, key, now: options.now, ui, applicationName: options.applicationName });
}
