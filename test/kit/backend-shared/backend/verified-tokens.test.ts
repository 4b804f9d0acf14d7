import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVerifiedTokens } from '../../src/kit/shared/session-token';
import { authenticateRequest, type AuthConfig } from '../src/kit/auth';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';

describe('createVerifiedTokens', () => {
  it('answers strictly before the expiry it was given, never after', () => {
    let time = 1_000;
    const tokens = createVerifiedTokens<string>(10, () => time);
    tokens.remember('a.b.c', 'alice', 2_000);
    time = 1_999;
    expect(tokens.get('a.b.c')).toBe('alice');
    time = 2_000;
    expect(tokens.get('a.b.c')).toBeUndefined();
    time = 1_500;
    expect(tokens.get('a.b.c')).toBeUndefined();
  });

  it('does not store a token already past its expiry', () => {
    const tokens = createVerifiedTokens<string>(10, () => 5_000);
    tokens.remember('a.b.c', 'alice', 5_000);
    expect(tokens.size).toBe(0);
  });

  it('stays within its bound: expired entries go first, then the oldest', () => {
    let time = 0;
    const tokens = createVerifiedTokens<number>(3, () => time);
    tokens.remember('t1', 1, 10_000);
    tokens.remember('t2', 2, 100);
    tokens.remember('t3', 3, 10_000);
    time = 200;
    tokens.remember('t4', 4, 10_000);
    expect(tokens.size).toBe(3);
    expect(['t1', 't2', 't3', 't4'].map((t) => tokens.get(t))).toEqual([1, undefined, 3, 4]);
    tokens.remember('t5', 5, 10_000);
    expect(tokens.size).toBe(3);
    expect(['t1', 't3', 't4', 't5'].map((t) => tokens.get(t))).toEqual([undefined, 3, 4, 5]);
    for (let i = 0; i < 100; i++) tokens.remember(`more${i}`, i, 10_000);
    expect(tokens.size).toBe(3);
  });
});

describe('authenticateRequest with a token it verified before', () => {
  let signer: TestSigner;
  let config: AuthConfig;
  const request = (token: string) => authenticateRequest(new Headers({ authorization: `Bearer ${token}` }), config);

  beforeAll(async () => {
    signer = await createTestSigner();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses it once it has expired, past the clock skew, although it was accepted before', async () => {
    config = { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY], log: () => {} };
    const token = await signer.sign({ expiresIn: 30 });
    const exp = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).exp as number;
    expect(await request(token)).toMatchObject({ userId: 'user_test' });
    expect(await request(token)).toMatchObject({ userId: 'user_test' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(exp * 1000 + 5_001);
    expect(await request(token)).toBeNull();
  });

  it('verifies a different token with the same key id in full', async () => {
    config = { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY], log: () => {} };
    const token = await signer.sign({ sub: 'user_real' });
    expect(await request(token)).toMatchObject({ userId: 'user_real' });
    const [header, payload] = token.split('.');
    const forger = await createTestSigner();
    const forged = await forger.sign({ sub: 'user_real' });
    expect(forged.split('.')[0]).toBe(header);
    expect(await request(forged)).toBeNull();
    // The cached token's header and claims with another signature.
    expect(await request(`${header}.${payload}.${forged.split('.')[2]}`)).toBeNull();
    expect(await request(token)).toMatchObject({ userId: 'user_real' });
  });

  it('never remembers a refusal: a token not yet valid is accepted once it is', async () => {
    config = { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY], log: () => {} };
    const token = await signer.sign({ notBefore: 60, issuedAt: 0, expiresIn: 120 });
    expect(await request(token)).toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect(await request(token)).toMatchObject({ userId: 'user_test' });
  });

  it('does not carry a verification over to another configuration', async () => {
    const token = await signer.sign();
    config = { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY], log: () => {} };
    expect(await request(token)).not.toBeNull();
    const other = await createTestSigner();
    config = { jwtKey: other.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY], log: () => {} };
    expect(await request(token)).toBeNull();
  });
});
