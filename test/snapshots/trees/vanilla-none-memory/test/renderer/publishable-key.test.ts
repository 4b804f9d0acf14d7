import { describe, expect, it } from 'vitest';

import { configuredPublishableKey, publishableKeyProblem } from '../../src/renderer/src/lib/publishable-key';

describe('the setup screen decision', () => {
  it('asks for a key when none is configured', () => {
    expect(publishableKeyProblem(configuredPublishableKey({}))).toBe('missing');
    expect(publishableKeyProblem(configuredPublishableKey({ VITE_CLERK_PUBLISHABLE_KEY: '   ' }))).toBe('missing');
  });

  it('explains a value that is not a publishable key', () => {
    expect(publishableKeyProblem('sk_test_abc')).toBe('malformed');
    expect(publishableKeyProblem('pk_test_not-base64-of-a-host')).toBe('malformed');
    expect(publishableKeyProblem(`pk_live_${btoa('no-dollar.example.com')}`)).toBe('malformed');
  });

  it('starts Clerk with a well-formed key, surrounding spaces trimmed', () => {
    const key = `pk_test_${btoa('happy-cat-12.clerk.accounts.dev$')}`;
    expect(configuredPublishableKey({ VITE_CLERK_PUBLISHABLE_KEY: ` ${key}\n` })).toBe(key);
    expect(publishableKeyProblem(key)).toBeNull();
  });
});
