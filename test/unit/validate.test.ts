import { describe, expect, it } from 'vitest';
import {
  deriveScheme,
  publishableKeyHost,
  RESERVED_SCHEMES,
  toValidPackageName,
  validatePackageName,
  validatePublishableKey,
  validateScheme,
} from '../../src/cli/validate.js';

const keyFor = (host: string, kind = 'test') => `pk_${kind}_${Buffer.from(`${host}$`).toString('base64')}`;

describe('validatePackageName', () => {
  it.each(['my-app', 'app2', '@acme/desk-app', 'a.b_c', 'x'.repeat(214)])('accepts %s', (name) => {
    expect(validatePackageName(name)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['My-App', /capital/],
    ['.hidden', /starts with/],
    ['_private', /starts with/],
    ['my app', /URL-safe/],
    ['über', /URL-safe/],
    ['node_modules', /reserved/],
    ['http', /core module/],
    ['a/b', /"\/"/],
    ['x'.repeat(215), /214/],
    [' padded', /spaces/],
  ])('rejects %j', (name, message) => {
    expect(validatePackageName(name)).toMatch(message);
  });
});

describe('toValidPackageName', () => {
  it.each([
    ['My Cool App', 'my-cool-app'],
    ['  spaced  out ', 'spaced-out'],
    ['.dotted', 'dotted'],
    ['App!!Name', 'app-name'],
    ['@Acme/My App', '@acme/my-app'],
    ['!!!', 'electron-app'],
    ['http', 'http-app'],
  ])('%j → %j, which is valid', (input, expected) => {
    expect(toValidPackageName(input)).toBe(expected);
    expect(validatePackageName(toValidPackageName(input))).toBeUndefined();
  });
});

describe('validateScheme', () => {
  it.each(['myapp', 'my-app', 'com.acme.desk', 'a+b', 'x1'])('accepts %s', (scheme) => {
    expect(validateScheme(scheme)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['MyApp', /lower case: "myapp"/],
    ['1app', /start with a letter/],
    ['-app', /start with a letter/],
    ['my_app', /"_" is not allowed/],
    ['my app', /" " is not allowed/],
    ['a'.repeat(65), /64/],
  ])('rejects %j', (scheme, message) => {
    expect(validateScheme(scheme)).toMatch(message);
  });

  it.each([...RESERVED_SCHEMES])('refuses the reserved scheme %s', (scheme) => {
    expect(validateScheme(scheme)).toMatch(/reserved/);
  });
});

describe('deriveScheme', () => {
  it.each([
    ['my-app', 'my-app'],
    ['@acme/desk', 'desk'],
    ['my_app', 'myapp'],
    ['123-go', 'go'],
    ['___', 'electron-app'],
    ['http', 'http-app'],
  ])('%j → %j', (name, scheme) => {
    expect(deriveScheme(name)).toBe(scheme);
    expect(validateScheme(deriveScheme(name))).toBeUndefined();
  });
});

describe('validatePublishableKey', () => {
  it('accepts test and live keys for a Frontend API host', () => {
    expect(validatePublishableKey(keyFor('clerk.example.com'))).toBeUndefined();
    expect(validatePublishableKey(keyFor('promoted-owl-12.clerk.accounts.dev', 'live'))).toBeUndefined();
    expect(publishableKeyHost(keyFor('clerk.example.com'))).toBe('clerk.example.com');
  });

  it('names a secret key as such', () => {
    expect(validatePublishableKey('sk_test_abc')).toMatch(/secret key/);
  });

  it('requires the pk_test_/pk_live_ prefix', () => {
    expect(validatePublishableKey('pk_prod_abc')).toMatch(/starts with "pk_test_" or "pk_live_"/);
  });

  it('says when nothing follows the prefix', () => {
    expect(validatePublishableKey('pk_test_')).toMatch(/nothing follows/);
  });

  it('says when the rest is not base64', () => {
    expect(validatePublishableKey('pk_test_not base64!')).toMatch(/not base64/);
  });

  it('says when the decoded value lacks the trailing $ (a key cut short)', () => {
    const whole = Buffer.from('clerk.example.com').toString('base64');
    expect(validatePublishableKey(`pk_test_${whole}`)).toMatch(/does not end with "\$"/);
  });

  it('says when the decoded host is not a host name', () => {
    expect(validatePublishableKey(keyFor('not a host'))).toMatch(/not a valid host name/);
    expect(validatePublishableKey(keyFor('localhost'))).toMatch(/not a valid host name/);
  });
});
