// Types of the setup decisions in templates/base/scripts/lib.mjs (plain JavaScript, run by Node as it is).

interface BackendApi {
  instance(): Promise<{ id: string; environment_type: string; allowed_origins: string[] | null }>;
  setAllowedOrigins(origins: string[]): Promise<null>;
  domains(): Promise<Domains>;
  redirectUrls(): Promise<{ url: string }[]>;
  addRedirectUrl(url: string): Promise<{ url: string }>;
  jwks(): Promise<{ keys: Record<string, string>[] }>;
}
type Domains = { data: { is_satellite: boolean; frontend_api_url: string }[] };

export const NATIVE_API_PAGE: string;
export class ClerkApiError extends Error {}
export function instanceOfSecretKey(
  key: string,
  options: { production: boolean },
): { environment: 'development' | 'production'; refusal?: undefined } | { refusal: string; environment?: undefined };
export function clerkBackendApi(input: { apiUrl: string; secretKey: string; fetch: typeof fetch }): BackendApi;
export function missingSettings(input: {
  instance: { allowed_origins: string[] | null };
  redirectUrls: { url: string }[];
  origins: string[];
  redirectUrl: string;
}): { addOrigins: string[]; allowedOrigins: string[] | null; redirectUrl: string | null };
export function publishableKeyOf(domains: Domains, environment: string): string;
export function jwtKeyOf(jwks: { keys: Record<string, string>[] }): string;
export function mergeEnv(text: string, values: Record<string, string>): { text: string; written: string[]; kept: string[] };
