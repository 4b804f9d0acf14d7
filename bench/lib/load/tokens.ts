import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

/** The `azp` of the bench's tokens; the servers list it in CLERK_AUTHORIZED_PARTIES. */
export const BENCH_AUTHORIZED_PARTY = 'bench://renderer';
/** The `cat` header of Clerk session tokens. */
const SESSION_TOKEN_CATEGORY = 'cl_B7d4PD111AAA';

export interface BenchSigner {
  /** PEM public key: what CLERK_JWT_KEY holds */
  publicKeyPem: string;
  /** A session token shaped like Clerk's (RS256, `typ: JWT`, session `cat`) for `userId`, valid for an hour. */
  sign(userId: string, claims?: Record<string, unknown>): Promise<string>;
}

/** A locally generated RSA key standing in for a Clerk instance's signing key. */
export async function createBenchSigner(): Promise<BenchSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    publicKeyPem: await exportSPKI(publicKey),
    sign(userId, claims = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        ...claims,
        sub: userId,
        sid: `sess_${userId}`,
        azp: BENCH_AUTHORIZED_PARTY,
        sts: 'active',
        iss: 'https://clerk.bench.invalid',
        v: 2,
        iat: now,
        nbf: now - 5,
        exp: now + 3600,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'ins_bench', typ: 'JWT', cat: SESSION_TOKEN_CATEGORY })
        .sign(privateKey);
    },
  };
}

/** One token per user, `users` users named `${prefix}0…`. */
export async function tokensFor(signer: BenchSigner, prefix: string, users: number): Promise<string[]> {
  return Promise.all(Array.from({ length: users }, (_, i) => signer.sign(`${prefix}${i}`)));
}

/** Claims of an active organization (session token v2) whose members may write notes. */
export const BENCH_ORGANIZATION_CLAIMS = {
  fea: 'o:notes',
  o: { id: 'org_bench', slg: 'bench', rol: 'member', per: 'write', fpm: '1' },
};
