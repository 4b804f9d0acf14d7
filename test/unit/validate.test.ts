import { describe, expect, it } from 'vitest';
import {
  deriveScheme,
  suggestScheme,
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
    ['MyApp', /lower case; for example "myapp"/],
    ['My_Scheme', /for example "my-scheme"/],
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

describe('deriveScheme: the reverse-DNS app id, not the bare name another app may claim', () => {
  it.each([
    ['my-app', 'com.example.myapp'],
    ['@acme/desk', 'com.acme.desk'],
    ['@acme/my_app', 'com.acme.myapp'],
    ['my_app', 'com.example.myapp'],
    ['123-go', 'com.example.123go'],
    ['___', 'com.example.app'],
    ['http', 'com.example.http'],
    ['@9lives/x', 'com.lives.x'],
    ['x'.repeat(214), `com.example.${'x'.repeat(52)}`],
  ])('%j → %j', (name, scheme) => {
    expect(deriveScheme(name)).toBe(scheme);
    expect(validateScheme(deriveScheme(name))).toBeUndefined();
  });

  it('is never the bare app name', () => {
    expect(deriveScheme('myapp')).not.toBe('myapp');
  });
});

/** A deterministic stream of awkward strings: case, spaces, punctuation, unicode, scopes, reserved words. */
function* awkwardInputs(count: number): Generator<string> {
  const pieces = [
    'My',
    'app',
    ' ',
    '_',
    '.',
    '-',
    '@',
    '/',
    '~',
    '!',
    '(',
    '*',
    "'",
    'é',
    '日本',
    '9',
    '0',
    'HTTP',
    'node_modules',
    'javascript',
    '+',
    '$',
    ' \t',
    'x'.repeat(70),
  ];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  yield* [
    '',
    ' ',
    '@/',
    '@a/',
    '/x',
    '.',
    '..',
    '_',
    'http',
    'file',
    'electron',
    'favicon.ico',
    'node_modules',
    'x'.repeat(300),
    '@Acme/My App',
    'My_Scheme',
  ];
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = 1 + (next() % 6);
    for (let j = 0; j < length; j++) text += pieces[next() % pieces.length];
    yield text;
  }
}

describe('every value an error message suggests passes validation itself', () => {
  const quoted = /for example "([^"]*)"/;

  it.each([...awkwardInputs(400)].map((input) => [input]))('%j', (input) => {
    expect(validatePackageName(toValidPackageName(input)), `package name for ${JSON.stringify(input)}`).toBeUndefined();
    const suggested = suggestScheme(input);
    if (suggested !== undefined) expect(validateScheme(suggested), `scheme for ${JSON.stringify(input)}`).toBeUndefined();
    const message = validateScheme(input);
    const offered = message === undefined ? undefined : quoted.exec(message)?.[1];
    if (offered !== undefined)
      expect(validateScheme(offered), `"${offered}" offered for ${JSON.stringify(input)}`).toBeUndefined();
    expect(validateScheme(deriveScheme(toValidPackageName(input)))).toBeUndefined();
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

  it('prints only readable text for a key that decodes to bytes, and says where keys come from', () => {
    for (const key of ['pk_test_abc', 'pk_live_////', `pk_test_${Buffer.from([0xff, 0xfe, 0x24]).toString('base64')}`]) {
      const message = validatePublishableKey(key)!;
      expect(message, key).toMatch(/Clerk dashboard → API keys/);
      expect(message, key).not.toMatch(/[\uFFFD\u0000-\u001f\u007f-\u009f]/);
    }
  });

  it('says when the decoded host is not a host name', () => {
    expect(validatePublishableKey(keyFor('not a host'))).toMatch(/not a valid host name/);
    expect(validatePublishableKey(keyFor('localhost'))).toMatch(/not a valid host name/);
  });
});
