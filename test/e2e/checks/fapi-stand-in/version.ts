/**
 * The clerk-js release whose Frontend API traffic this stand-in was written against and checked
 * with (its resource classes, paths and response shapes). test/unit/fapi-stand-in-pin.test.ts
 * fails when src/versions.ts moves `@clerk/clerk-js` without this being updated: read the new
 * clerk-js bundle, run the signed-in e2e checks (they fail on any request the stand-in does not
 * serve), then update this constant.
 */
export const CHECKED_WITH_CLERK_JS = '6.40.0';
