/**
 * Clerk verification settings, read once at start-up. A missing or empty variable stops the
 * server with a message that names it, instead of rejecting every request later.
 */
export interface AuthConfig {
  /** PEM public key of the Clerk instance: verification without any network call */
  jwtKey?: string;
  /** Used only when there is no jwtKey: @clerk/backend then fetches and caches the instance's JWKS */
  secretKey?: string;
  /** Origins allowed in the token's `azp` claim */
  authorizedParties: string[];
}

/** The packaged renderer's origin and the dev server's origin; the azp values this app's tokens carry. */
export const DEFAULT_AUTHORIZED_PARTIES = 'snapshot-app://renderer,http://localhost:5173';

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
  const parties = (readString(env, 'CLERK_AUTHORIZED_PARTIES') ?? DEFAULT_AUTHORIZED_PARTIES)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (parties.length === 0) {
    throw new ConfigurationError('CLERK_AUTHORIZED_PARTIES must list at least one origin.');
  }
  return { jwtKey, secretKey: jwtKey ? undefined : secretKey, authorizedParties: parties };
}
