import { describe, expect, it } from 'vitest';
import { frontendApiHostFromPublishableKey, jwksUrlForHost, parsePublishableKey } from '../../src/shared/publishable-key';

const encode = (text: string): string => Buffer.from(text).toString('base64');

describe('publishable key', () => {
  it('decodes the Frontend API host of test and live keys', () => {
    expect(parsePublishableKey(`pk_test_${encode('happy-cat-12.clerk.accounts.dev$')}`)).toEqual({
      frontendApiHost: 'happy-cat-12.clerk.accounts.dev',
      instanceType: 'development',
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
