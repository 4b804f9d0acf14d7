/**
 * Clerk verification settings, read once at start-up. A missing or empty variable stops the
 * server with a message that names it, instead of rejecting every request later.
 */
import type { AuthConfig } from './auth-config';

export type { AuthConfig };

/**
 * The packaged renderer's origin: the `azp` of the installed app's tokens. The dev server's origin
 * is added by the development config (CLERK_AUTHORIZED_PARTIES in the example env file).
 */
export const DEFAULT_AUTHORIZED_PARTIES = 'snapshot-app://renderer';

export type Environment = Readonly<Record<string, unknown>>;

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

function readString(env: Environment, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigurationError(`${name} must be a string`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readAuthConfig(env: Environment): AuthConfig {
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
  if (jwtKey && isPlaceholderPem(jwtKey)) {
    throw new ConfigurationError(
      'CLERK_JWT_KEY is still the placeholder of the example file: copy the JWT public key from the ' +
        'Clerk dashboard → API keys, or remove it and set CLERK_SECRET_KEY.',
    );
  }
  const parties = (readString(env, 'CLERK_AUTHORIZED_PARTIES') ?? DEFAULT_AUTHORIZED_PARTIES)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (parties.length === 0) {
    throw new ConfigurationError('CLERK_AUTHORIZED_PARTIES must list at least one origin.');
  }
  return { jwtKey, secretKey: jwtKey ? undefined : secretKey, authorizedParties: parties };
}

/** The example files' `-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----`: no key material. */
function isPlaceholderPem(pem: string): boolean {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s/g, '');
  return body === '' || body.includes('...');
}
