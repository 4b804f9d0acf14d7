/**
 * Pure validators. Each returns `undefined` when the value is fine, or a message that says what is
 * wrong (and, where possible, what would be right).
 */
import { builtinModules } from 'node:module';
import { deriveAppId } from '../plan/context.js';

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

/** "My Cool App!" → "my-cool-app": the closest valid package name, as a suggestion (always valid). */
export function toValidPackageName(name: string): string {
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name.trim());
  const clean = (part: string) =>
    part
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9\-._]/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[._-]+/, '')
      .replace(/-+$/, '')
      .slice(0, 200);
  const bare = clean(scoped ? scoped[2]! : name);
  if (bare === '') return 'electron-app';
  const candidates = [
    scoped ? `@${clean(scoped[1]!)}/${bare}` : bare,
    scoped ? `@${clean(scoped[1]!)}/${bare}-app` : `${bare}-app`,
    bare,
    `${bare}-app`,
  ];
  return candidates.find((candidate) => validatePackageName(candidate) === undefined) ?? 'electron-app';
}

/**
 * Schemes the app must not register: they belong to the web platform, the OS or Chromium, and a
 * custom protocol handler for them would break navigation or be a security hole.
 */
// prettier-ignore
export const RESERVED_SCHEMES = [
  'http', 'https', 'ws', 'wss', 'ftp', 'file', 'data', 'blob', 'javascript', 'about', 'mailto',
  'tel', 'sms', 'chrome', 'chrome-extension', 'chrome-untrusted', 'devtools', 'view-source',
  'filesystem', 'electron', 'node', 'app', 'urn', 'content', 'intent', 'ms-settings', 'steam',
  'git', 'ssh',
] as const;

const isReservedScheme = (scheme: string) => (RESERVED_SCHEMES as readonly string[]).includes(scheme);

/** A valid scheme made from what the user typed ("My_Scheme" → "my-scheme"), or undefined. */
export function suggestScheme(input: string): string | undefined {
  let scheme = input
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9+.-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 64)
    .replace(/[-+.]+$/, '');
  if (scheme === '') return undefined;
  if (isReservedScheme(scheme)) scheme = `${scheme}-app`;
  return validateSchemeRules(scheme) === undefined ? scheme : undefined;
}

function validateSchemeRules(scheme: string): string | undefined {
  if (scheme.length === 0) return 'the scheme is empty';
  if (scheme.length > 64) return 'the scheme is longer than 64 characters';
  if (/[A-Z]/.test(scheme)) return 'a scheme is lower case';
  if (!/^[a-z]/.test(scheme)) return 'a scheme must start with a letter (a-z)';
  const bad = /[^a-z0-9+.-]/.exec(scheme);
  if (bad) return `"${bad[0]}" is not allowed in a scheme (use a-z, 0-9, "+", "-" and ".")`;
  if (isReservedScheme(scheme)) return `"${scheme}" is reserved by browsers or the OS`;
  return undefined;
}

/** RFC 3986 scheme, lower-case, not one of the reserved ones; the message offers a valid one. */
export function validateScheme(scheme: string): string | undefined {
  const problem = validateSchemeRules(scheme);
  if (problem === undefined) return undefined;
  const suggestion = suggestScheme(scheme);
  return suggestion === undefined ? problem : `${problem}; for example "${suggestion}"`;
}

/**
 * The default scheme: the app id in reverse-DNS form (`com.example.myapp`), which no other app
 * claims by accident the way a bare `myapp` can be.
 */
export function deriveScheme(projectName: string): string {
  return deriveAppId(projectName);
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

const KEY_HELP =
  'Copy the publishable key from the Clerk dashboard → API keys (https://dashboard.clerk.com), or leave it out and set it in .env later.';

/** Shown only when it is plain printable ASCII; otherwise the bytes would print as garbage. */
const readable = (text: string) => /^[\x20-\x7e]*$/.test(text);

/**
 * A Clerk publishable key is `pk_test_` or `pk_live_` followed by the base64 of
 * `<frontend-api-host>$`, e.g. base64("clerk.example.com$").
 */
export function validatePublishableKey(key: string): string | undefined {
  const problem = publishableKeyProblem(key);
  return problem === undefined ? undefined : `${problem}. ${KEY_HELP}`;
}

function publishableKeyProblem(key: string): string | undefined {
  const match = /^pk_(test|live)_(.*)$/s.exec(key);
  if (!match) {
    if (key.startsWith('sk_')) {
      return 'that is a secret key (sk_…), which must never ship in an app: use the publishable key (pk_test_…/pk_live_…)';
    }
    return 'a publishable key starts with "pk_test_" or "pk_live_"';
  }
  const prefix = `pk_${match[1]}_`;
  const encoded = match[2]!;
  if (encoded.length === 0) return `nothing follows "${prefix}"`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && !/^[A-Za-z0-9_-]+={0,2}$/.test(encoded)) {
    return `the part after "${prefix}" is not base64 (is the key complete?)`;
  }
  const decoded = Buffer.from(encoded, 'base64').toString('latin1');
  if (!readable(decoded)) return `the part after "${prefix}" is not an encoded Clerk host name (is the key complete?)`;
  if (!decoded.endsWith('$')) {
    return `the part after "${prefix}" decodes to ${JSON.stringify(decoded)}, which does not end with "$" (is the key cut short?)`;
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
