/**
 * The exact version of Clerk's UI bundle (`@clerk/ui`) that clerk-js loads at run time from your
 * instance's Frontend API (`https://<frontend-api>/npm/@clerk/ui@<version>/dist/ui.browser.js`).
 *
 * Left to itself, Clerk asks for the major version only (`@clerk/ui@1`), so the code your users run
 * could change on any day without a new build of the app. Pinning it makes the UI a part of your
 * release like the rest. It is the version the installed Clerk packages were built against;
 * test/renderer/clerk-ui-version.test.ts fails when a Clerk upgrade moves it: update it then.
 * (The bundle is loaded without Subresource Integrity: Clerk's loader has no option for it. The
 * Content-Security-Policy limits scripts to your Frontend API host.)
 */
export const CLERK_UI_VERSION = '1.41.0';
