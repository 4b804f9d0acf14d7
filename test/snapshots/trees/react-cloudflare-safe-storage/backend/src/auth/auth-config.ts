/**
 * The verification settings of ./config.ts, in a file of its own so the verifier (and the
 * generator's conformance test, which imports it from the templates) needs no rendered file.
 */
export interface AuthConfig {
  /** PEM public key of the Clerk instance: verification without any network call */
  jwtKey?: string;
  /** Used only when there is no jwtKey: @clerk/backend then fetches and caches the instance's JWKS */
  secretKey?: string;
  /** Origins allowed in the token's `azp` claim (a token without `azp` is always refused) */
  authorizedParties: string[];
  /** Where rejected tokens are reported (the reason only, never the token). Default console.warn. */
  log?: (message: string) => void;
}
