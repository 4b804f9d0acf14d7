/**
 * Pure validators. Each returns `undefined` when the value is fine, or a message that says what is
 * wrong (and, where possible, what would be right).
 */
import { builtinModules } from 'node:module';

const RESERVED_PACKAGE_NAMES = new Set(['node_modules', 'favicon.ico']);

/** The rules npm applies to new package names (as validate-npm-package-name does). */
export function validatePackageName(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 214) return 'the name is longer than 214 characters';
  if (name !== name.trim()) return 'the name has leading or trailing spaces';
  if (name.toLowerCase() !== name) return 'the name contains capital letters';
  if (/^[._]/.test(name)) return 'the name starts with "." or "_"';
  if (RESERVED_PACKAGE_NAMES.has(name)) return `"${name}" is a reserved name`;
  if (builtinModules.includes(name)) return `"${name}" is the name of a Node.js core module`;
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name);
  const parts = scoped ? [scoped[1]!, scoped[2]!] : [name];
  if (!scoped && name.includes('/')) return 'the name contains "/" (only "@scope/name" may)';
  for (const part of parts) {
    if (/^[._]/.test(part)) return 'a name part starts with "." or "_"';
    if (encodeURIComponent(part) !== part || /[~'!()*]/.test(part)) {
      return 'the name contains characters that are not URL-safe (use a-z, 0-9, "-", "." and "_")';
    }
  }
  return undefined;
}

/** "My Cool App!" → "my-cool-app": the closest valid package name, as a suggestion. */
export function toValidPackageName(name: string): string {
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name.trim());
  const clean = (part: string) =>
    part
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9\-._~]/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[._-]+/, '')
      .replace(/-+$/, '');
  const candidate = scoped ? `@${clean(scoped[1]!)}/${clean(scoped[2]!)}` : clean(name);
  if (candidate === '' || candidate.endsWith('/')) return 'electron-app';
  if (validatePackageName(candidate) !== undefined) return `${candidate}-app`.slice(0, 214);
  return candidate;
}

/**
 * Schemes the app must not register: they belong to the web platform, the OS or Chromium, and a
 * custom protocol handler for them would break navigation or be a security hole.
 */
export const RESERVED_SCHEMES = [
  'http', 'https', 'ws', 'wss', 'ftp', 'file', 'data', 'blob', 'javascript', 'about', 'mailto', 'tel',
  'sms', 'chrome', 'chrome-extension', 'chrome-untrusted', 'devtools', 'view-source', 'filesystem',
  'electron', 'node', 'app', 'urn', 'content', 'intent', 'ms-settings', 'steam', 'git', 'ssh',
] as const;

/** RFC 3986 scheme, lower-case, not one of the reserved ones. */
export function validateScheme(scheme: string): string | undefined {
  if (scheme.length === 0) return 'the scheme is empty';
  if (scheme.length > 64) return 'the scheme is longer than 64 characters';
  if (/[A-Z]/.test(scheme)) return `use lower case: "${scheme.toLowerCase()}"`;
  if (!/^[a-z]/.test(scheme)) return 'a scheme must start with a letter (a-z)';
  const bad = /[^a-z0-9+.-]/.exec(scheme);
  if (bad) return `"${bad[0]}" is not allowed in a scheme (use a-z, 0-9, "+", "-" and ".")`;
  if ((RESERVED_SCHEMES as readonly string[]).includes(scheme)) {
    return `"${scheme}" is reserved by browsers or the OS; pick a name of your own, e.g. "${scheme}-app"`;
  }
  return undefined;
}

/** The default scheme: the app name made into a valid, non-reserved scheme ("@acme/My App" → "myapp"). */
export function deriveScheme(projectName: string): string {
  const bare = projectName.replace(/^@[^/]+\//, '').toLowerCase();
  let scheme = bare.replace(/[^a-z0-9+.-]/g, '').replace(/^[^a-z]+/, '');
  if (scheme === '') scheme = 'electron-app';
  scheme = scheme.slice(0, 64);
  if ((RESERVED_SCHEMES as readonly string[]).includes(scheme)) scheme = `${scheme}-app`;
  return scheme;
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/**
 * A Clerk publishable key is `pk_test_` or `pk_live_` followed by the base64 of
 * `<frontend-api-host>$`, e.g. base64("clerk.example.com$").
 */
export function validatePublishableKey(key: string): string | undefined {
  const match = /^pk_(test|live)_(.*)$/s.exec(key);
  if (!match) {
    if (key.startsWith('sk_')) {
      return 'that is a secret key (sk_…), which must never ship in an app: use the publishable key (pk_test_…/pk_live_…)';
    }
    return 'a publishable key starts with "pk_test_" or "pk_live_"';
  }
  const encoded = match[2]!;
  if (encoded.length === 0) return `nothing follows "pk_${match[1]}_"`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && !/^[A-Za-z0-9_-]+={0,2}$/.test(encoded)) {
    return `the part after "pk_${match[1]}_" is not base64`;
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  if (!decoded.endsWith('$')) {
    return `the part after "pk_${match[1]}_" decodes to ${JSON.stringify(decoded)}, which does not end with "$" (is the key cut short?)`;
  }
  const host = decoded.slice(0, -1);
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) {
    return `the key decodes to the host ${JSON.stringify(host)}, which is not a valid host name`;
  }
  return undefined;
}

/** The Frontend API host inside a valid publishable key. */
export function publishableKeyHost(key: string): string {
  const encoded = key.replace(/^pk_(test|live)_/, '');
  return Buffer.from(encoded, 'base64').toString('utf8').slice(0, -1);
}
