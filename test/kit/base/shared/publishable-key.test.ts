import { describe, expect, it } from 'vitest';
import {
  frontendApiHostFromPublishableKey,
  jwksUrlForHost,
  parsePublishableKey,
  publishableKeyBuildError,
} from '../../src/kit/shared/publishable-key';

const encode = (text: string): string => Buffer.from(text).toString('base64');

describe('publishable key', () => {
  it('decodes the Frontend API host of test and live keys', () => {
    expect(parsePublishableKey(`pk_test_${encode('happy-cat-12.clerk.accounts.dev$')}`)).toEqual({
      frontendApiHost: 'happy-cat-12.clerk.accounts.dev',
    });
    expect(frontendApiHostFromPublishableKey(`pk_live_${encode('clerk.example.com$')}`)).toBe('clerk.example.com');
    expect(jwksUrlForHost('clerk.example.com')).toBe('https://clerk.example.com/.well-known/jwks.json');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a secret key', `sk_test_${encode('clerk.example.com$')}`],
    ['no $ terminator', `pk_test_${encode('clerk.example.com')}`],
    ['not base64', 'pk_test_%%%'],
    ['a path instead of a host', `pk_test_${encode('evil.com/steal$')}`],
    ['a single label', `pk_test_${encode('localhost$')}`],
    ['a placeholder', 'pk_test_xxx'],
  ])('rejects %s', (_name, key) => {
    expect(parsePublishableKey(key)).toBeNull();
    expect(() => frontendApiHostFromPublishableKey(key ?? '')).toThrow(/publishable key/);
  });
});

describe('the build (electron.vite.config.ts)', () => {
  it('says why a key cannot ship', () => {
    expect(publishableKeyBuildError(`sk_test_${encode('clerk.example.com$')}`)).toMatch(/secret key/);
    expect(publishableKeyBuildError('pk_test_abc')).toMatch(/not a Clerk publishable key/);
    expect(publishableKeyBuildError(undefined)).toBeNull();
    expect(publishableKeyBuildError(`pk_live_${encode('clerk.example.com$')}`)).toBeNull();
  });

  it('fails on a secret key or a malformed publishable key, and builds with a real one', async () => {
    const { default: config } = await import('../../electron.vite.config');
    const build = () => (config as (env: { command: string; mode: string }) => unknown)({ command: 'build', mode: 'production' });
    const saved = process.env.VITE_CLERK_PUBLISHABLE_KEY;
    try {
      process.env.VITE_CLERK_PUBLISHABLE_KEY = `sk_live_${encode('clerk.example.com$')}`;
      expect(build).toThrow(/secret key/);
      process.env.VITE_CLERK_PUBLISHABLE_KEY = 'pk_live_notakey';
      expect(build).toThrow(/not a Clerk publishable key/);
      process.env.VITE_CLERK_PUBLISHABLE_KEY = `pk_live_${encode('clerk.example.com$')}`;
      expect(build).not.toThrow();
    } finally {
      if (saved === undefined) delete process.env.VITE_CLERK_PUBLISHABLE_KEY;
      else process.env.VITE_CLERK_PUBLISHABLE_KEY = saved;
    }
  });
});
