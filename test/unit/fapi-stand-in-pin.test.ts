/**
 * The Frontend API stand-in of the signed-in e2e checks (test/e2e/checks/fapi-stand-in/) answers
 * what one clerk-js release asks for. When src/versions.ts moves `@clerk/clerk-js`, this fails
 * until someone has checked the stand-in against the new release (see its version.ts).
 */
import { describe, expect, test } from 'vitest';
import { VERSIONS } from '../../src/versions.js';
import { CHECKED_WITH_CLERK_JS } from '../e2e/checks/fapi-stand-in/version.js';

describe('the Frontend API stand-in', () => {
  test('was checked with the clerk-js version generated apps pin', () => {
    expect(
      VERSIONS['@clerk/clerk-js'],
      `src/versions.ts pins @clerk/clerk-js ${VERSIONS['@clerk/clerk-js']}, the FAPI stand-in was checked with ${CHECKED_WITH_CLERK_JS}: ` +
        'run the signed-in e2e checks against the new version, fix the stand-in where they fail, then update CHECKED_WITH_CLERK_JS',
    ).toBe(CHECKED_WITH_CLERK_JS);
  });
});
