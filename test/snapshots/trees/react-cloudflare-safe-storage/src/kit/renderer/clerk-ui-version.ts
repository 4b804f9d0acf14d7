/**
 * The exact version of Clerk's UI bundle (`@clerk/ui`) clerk-js loads from your Frontend API. Left to
 * itself Clerk asks for the major version only, so your users' UI could change without a new build;
 * pinned, it ships with your release. It is the version the installed Clerk packages were built
 * against: the generator's tests fail when a Clerk upgrade moves it. (Clerk's loader has no option for
 * Subresource Integrity; the Content-Security-Policy limits scripts to your Frontend API host.)
 */
export const CLERK_UI_VERSION = '1.41.0';
