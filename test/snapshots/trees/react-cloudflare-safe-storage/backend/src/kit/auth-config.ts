/**
 * Clerk verification settings, read once at start-up: a missing or empty variable stops the server
 * with a message that names it, instead of rejecting every request later.
 */
import type { AuthConfig } from './auth';

/** The packaged renderer's origin (its tokens' `azp`); the example env file adds the dev server's. */
export const DEFAULT_AUTHORIZED_PARTIES = 'snapshot-app://renderer';

export type Environment = Readonly<Record<string, unknown>>;

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

function readString(env: Environment, name: string): string | undefined {
  const value = env[name] ?? '';
  if (typeof value !== 'string') throw new ConfigurationError(`${name} must be a string`);
  return value.trim() || undefined;
}

export function readAuthConfig(env: Environment, warn: (message: string) => void = console.warn): AuthConfig {
  // Multi-line PEM keys are often stored with literal "\n" in .env files and dashboards.
  const jwtKey = readString(env, 'CLERK_JWT_KEY')?.replace(/\\n/g, '\n');
  const secretKey = readString(env, 'CLERK_SECRET_KEY');
  if (!jwtKey && !secretKey) {
    throw new ConfigurationError(
      'Missing configuration: set CLERK_JWT_KEY (the PEM public key from the Clerk dashboard, API keys page) ' +
        'or CLERK_SECRET_KEY.',
    );
  }
  if (jwtKey && !jwtKey.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new ConfigurationError('CLERK_JWT_KEY must be a PEM public key ("-----BEGIN PUBLIC KEY----- ...").');
  }
  // The example files' `-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----` holds no key material.
  const keyBody = jwtKey?.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s/g, '');
  if (keyBody !== undefined && (keyBody === '' || keyBody.includes('...'))) {
    throw new ConfigurationError(
      'CLERK_JWT_KEY is still the placeholder of the example file: copy the JWT public key from the ' +
        'Clerk dashboard → API keys, or remove it and set CLERK_SECRET_KEY.',
    );
  }
  const parties = (readString(env, 'CLERK_AUTHORIZED_PARTIES') ?? DEFAULT_AUTHORIZED_PARTIES)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (parties.length === 0) throw new ConfigurationError('CLERK_AUTHORIZED_PARTIES must list at least one origin.');
  if (!jwtKey && !['development', 'test'].includes(readString(env, 'NODE_ENV') ?? '')) {
    warn(
      'CLERK_JWT_KEY is not set: tokens are verified with keys fetched from Clerk, a fetch that forged ' +
        'tokens can trigger. Set CLERK_JWT_KEY (Clerk dashboard → API keys) in production.',
    );
  }
  return { jwtKey, secretKey: jwtKey ? undefined : secretKey, authorizedParties: parties };
}
