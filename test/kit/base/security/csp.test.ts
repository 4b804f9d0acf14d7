import { describe, expect, it } from 'vitest';

import { buildContentSecurityPolicy } from '../../src/kit/main/security/policy';

/** "a x y; b z" → { a: ['x', 'y'], b: ['z'] } */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

const FAPI = 'happy-cat-12.clerk.accounts.dev';

describe('buildContentSecurityPolicy', () => {
  it('lets Clerk load its UI, talk to its Frontend API, show avatars and run Turnstile', () => {
    const csp = directives(buildContentSecurityPolicy({ frontendApiHost: FAPI }));
    expect(csp['script-src']).toContain(`https://${FAPI}`);
    expect(csp['script-src']).toContain('https://challenges.cloudflare.com');
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']).not.toContain("'unsafe-eval'");
    expect(csp['connect-src']).toContain(`https://${FAPI}`);
    expect(csp['img-src']).toContain('https://img.clerk.com');
    expect(csp['frame-src']).toContain('https://challenges.cloudflare.com');
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
  });

  it('locks down everything else', () => {
    const csp = directives(buildContentSecurityPolicy({ frontendApiHost: FAPI }));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    for (const sources of Object.values(csp)) {
      expect(sources).not.toContain('*');
      expect(sources).not.toContain('https:');
      expect(sources).not.toContain("'unsafe-eval'");
    }
  });

  it('names the dev server and its HMR websocket only in development', () => {
    const production = buildContentSecurityPolicy({ frontendApiHost: FAPI });
    expect(production).not.toContain('localhost');
    expect(production).not.toContain('ws:');

    const dev = directives(buildContentSecurityPolicy({ frontendApiHost: FAPI, devServerOrigin: 'http://localhost:5173' }));
    expect(dev['connect-src']).toEqual(expect.arrayContaining(['http://localhost:5173', 'ws://localhost:5173']));
    expect(dev['script-src']).not.toContain('http://localhost:5173');
    // Vite's React refresh preamble: inline scripts in development only.
    expect(dev['script-src']).toContain("'unsafe-inline'");
  });

  it('allows no Clerk host at all when there is no publishable key', () => {
    const csp = buildContentSecurityPolicy({ frontendApiHost: null });
    expect(csp).not.toMatch(/clerk\.accounts\.dev|https:\/\/clerk\./);
    expect(directives(csp)['connect-src']).toEqual(["'self'"]);
  });

  it.each(['evil.com; script-src *', 'a.com *', "a.com 'unsafe-eval'", 'https://a.com', '', 'a.com/path'])(
    'refuses a host that would change the policy: %j',
    (host) => {
      expect(() => buildContentSecurityPolicy({ frontendApiHost: host })).toThrow(/valid host/);
    },
  );

  it.each(['ftp://localhost:5173', 'http://localhost:5173/path', 'http://localhost:5173; script-src *'])(
    'refuses a dev server origin that is not a plain http(s) origin: %j',
    (origin) => {
      expect(() => buildContentSecurityPolicy({ frontendApiHost: FAPI, devServerOrigin: origin })).toThrow();
    },
  );
});
