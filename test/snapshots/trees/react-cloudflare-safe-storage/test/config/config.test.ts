import { generateKeyPairSync } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  DEFAULT_BACKEND_URL,
  devToolsAllowed,
  externalLinkHosts,
  parseMainConfig,
  RENDERER_ORIGIN,
  resolveRendererLocation,
} from '../../src/main/config';

const FAPI = 'happy-cat-12.clerk.accounts.dev';
const PUBLISHABLE_KEY = `pk_test_${Buffer.from(`${FAPI}$`).toString('base64')}`;

describe('parseMainConfig: publishable key', () => {
  it('decodes the Frontend API host from a valid key', () => {
    const { config, warnings } = parseMainConfig({ VITE_CLERK_PUBLISHABLE_KEY: ` ${PUBLISHABLE_KEY}\n` });
    expect(config.publishableKey).toBe(PUBLISHABLE_KEY);
    expect(config.frontendApiHost).toBe(FAPI);
    expect(warnings).toEqual([]);
  });

  it('reports a missing key and leaves it null (the renderer shows its setup screen)', () => {
    for (const value of [undefined, '', '   ']) {
      const { config, warnings } = parseMainConfig({ VITE_CLERK_PUBLISHABLE_KEY: value });
      expect(config.publishableKey).toBeNull();
      expect(config.frontendApiHost).toBeNull();
      expect(warnings.join('\n')).toMatch(/VITE_CLERK_PUBLISHABLE_KEY is not set/);
    }
  });

  it.each(['sk_test_abc', 'pk_test_not-base64!', `pk_test_${Buffer.from(FAPI).toString('base64')}`, 'hello'])(
    'reports a malformed key: %s',
    (key) => {
      const { config, warnings } = parseMainConfig({ VITE_CLERK_PUBLISHABLE_KEY: key });
      expect(config.publishableKey).toBeNull();
      expect(config.frontendApiHost).toBeNull();
      expect(warnings.join('\n')).toMatch(/not a Clerk publishable key/);
    },
  );
});

describe('parseMainConfig: BACKEND_URL', () => {
  const backend = (value: string | undefined) =>
    parseMainConfig({ VITE_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY, BACKEND_URL: value });

  it('defaults to the local dev backend', () => {
    expect(backend(undefined).config.backendUrl).toBe(DEFAULT_BACKEND_URL);
    expect(backend('').config.backendUrl).toBe(DEFAULT_BACKEND_URL);
  });

  it('keeps a path and drops the trailing slash, query and fragment', () => {
    const { config, warnings } = backend('https://api.example.com/v1/?debug=1#x');
    expect(config.backendUrl).toBe('https://api.example.com/v1');
    expect(warnings).toEqual([]);
  });

  it('accepts plain http to this machine without a warning', () => {
    for (const url of ['http://127.0.0.1:9000', 'http://localhost:8787', 'http://[::1]:8787']) {
      expect(backend(url).warnings).toEqual([]);
    }
  });

  it('refuses plain http to another machine in a packaged build', () => {
    const { errors } = parseMainConfig(
      { VITE_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY, BACKEND_URL: 'http://api.example.com' },
      { isPackaged: true },
    );
    expect(errors).toEqual([expect.stringMatching(/plain http to api\.example\.com.*https URL in \.env/)]);
  });

  it('allows plain http to this machine in a packaged build, and https anywhere', () => {
    for (const url of ['http://127.0.0.1:8787', 'https://api.example.com']) {
      const { errors } = parseMainConfig({ VITE_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY, BACKEND_URL: url }, { isPackaged: true });
      expect(errors).toEqual([]);
    }
  });

  it('warns about plain http to another machine in development', () => {
    const { config, warnings } = backend('http://api.example.com');
    expect(config.backendUrl).toBe('http://api.example.com');
    expect(warnings.join('\n')).toMatch(/unencrypted/);
  });

  it.each(['not a url', 'ftp://api.example.com', 'file:///etc/passwd', 'https://user:pass@api.example.com'])(
    'falls back to the default for an unusable value: %s',
    (value) => {
      const { config, warnings } = backend(value);
      expect(config.backendUrl).toBe(DEFAULT_BACKEND_URL);
      expect(warnings.join('\n')).toMatch(/BACKEND_URL/);
    },
  );
});

describe('parseMainConfig: CLERK_JWT_KEY', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString()
    .trim();
  const jwtKey = (value: string | undefined) =>
    parseMainConfig({ VITE_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY, CLERK_JWT_KEY: value });

  it('is optional', () => {
    expect(jwtKey(undefined).config.clerkJwtKey).toBeNull();
    expect(jwtKey(undefined).warnings).toEqual([]);
  });

  it('accepts a PEM public key as written, or on one line with \\n escapes', () => {
    expect(jwtKey(pem).config.clerkJwtKey).toBe(pem);
    expect(jwtKey(pem.replace(/\n/g, '\\n')).config.clerkJwtKey).toBe(pem);
    expect(jwtKey(pem.replace(/\n/g, '\r\n')).config.clerkJwtKey).toBe(pem);
  });

  it.each([
    'sk_test_secret',
    'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
    '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
  ])('ignores anything that is not a PEM public key, with a warning: %s', (value) => {
    const { config, warnings } = jwtKey(value);
    expect(config.clerkJwtKey).toBeNull();
    expect(warnings.join('\n')).toMatch(/CLERK_JWT_KEY/);
  });
});

describe('resolveRendererLocation', () => {
  it('loads the custom scheme in a packaged app, whatever the environment says', () => {
    const location = resolveRendererLocation({ isPackaged: true, devServerUrl: 'http://evil.example.com/' });
    expect(location).toEqual({ url: `${RENDERER_ORIGIN}/`, appOrigins: [RENDERER_ORIGIN], devServerOrigin: null });
  });

  it('loads the custom scheme when previewing a build (no dev server)', () => {
    const location = resolveRendererLocation({ isPackaged: false, devServerUrl: undefined });
    expect(location.url).toBe(`${RENDERER_ORIGIN}/`);
    expect(location.appOrigins).toEqual([RENDERER_ORIGIN]);
  });

  it('loads the dev server in development and adds its origin to the app origins', () => {
    const location = resolveRendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    expect(location).toEqual({
      url: 'http://localhost:5173/',
      appOrigins: [RENDERER_ORIGIN, 'http://localhost:5173'],
      devServerOrigin: 'http://localhost:5173',
    });
  });
});

describe('externalLinkHosts', () => {
  it('adds the Frontend API host to the configured hosts', () => {
    expect(externalLinkHosts({ frontendApiHost: 'clerk.test.example' })).toEqual(['clerk.test.example', 'clerk.com']);
    expect(externalLinkHosts({ frontendApiHost: null })).toEqual(['clerk.com']);
  });
});

describe('devToolsAllowed', () => {
  it('allows DevTools in development', () => {
    expect(devToolsAllowed({ isPackaged: false, argv: [] })).toBe(true);
  });

  it('disables them in a packaged app unless started with --enable-devtools', () => {
    expect(devToolsAllowed({ isPackaged: true, argv: ['/opt/app/app'] })).toBe(false);
    expect(devToolsAllowed({ isPackaged: true, argv: ['/opt/app/app', '--enable-devtools'] })).toBe(true);
  });
});
