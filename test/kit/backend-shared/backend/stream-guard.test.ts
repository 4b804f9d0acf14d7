import { describe, expect, it } from 'vitest';
import { admitStream, TOKEN_EXPIRED_MESSAGE, untilExpiry } from '../src/kit/live';

async function* forever(values: string[]) {
  yield* values;
  await new Promise(() => {});
}

describe('admitStream', () => {
  it('counts per user, refuses past the limit, and lets one in again once a stream ends', () => {
    const releases = [admitStream('user_guard', 2), admitStream('user_guard', 2)];
    expect(() => admitStream('user_guard', 2)).toThrow(expect.objectContaining({ code: 'TOO_MANY_REQUESTS' }));
    expect(() => admitStream('user_guard_other', 2)).not.toThrow();
    releases[0]!();
    releases[0]!();
    expect(() => admitStream('user_guard', 2)).not.toThrow();
    expect(() => admitStream('user_guard', 2)).toThrow(expect.objectContaining({ code: 'TOO_MANY_REQUESTS' }));
  });
});

describe('untilExpiry', () => {
  it('passes values through, then ends with a retryable error at expiry and releases the slot', async () => {
    let released = 0;
    const stream = untilExpiry(forever(['a', 'b']), Date.now() + 50, () => released++);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const value of stream) seen.push(value);
      })(),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: TOKEN_EXPIRED_MESSAGE });
    expect(seen).toEqual(['a', 'b']);
    expect(released).toBe(1);
  });

  it('releases the slot when the source ends first', async () => {
    let released = 0;
    const values: string[] = [];
    async function* once() {
      yield 'x';
    }
    for await (const value of untilExpiry(once(), undefined, () => released++)) values.push(value);
    expect(values).toEqual(['x']);
    expect(released).toBe(1);
  });
});
