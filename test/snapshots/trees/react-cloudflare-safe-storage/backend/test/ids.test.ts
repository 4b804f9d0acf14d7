import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createUuidV7 } from '../src/db/ids';

describe('uuidv7', () => {
  it('makes valid UUIDv7 ids that sort by creation, also within one millisecond and when the clock steps back', () => {
    const times = [1000, 1000, 1000, 999, 2000];
    const next = createUuidV7(() => times.shift()!);
    const ids = Array.from({ length: 5 }, next);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) {
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect(id[14]).toBe('7');
    }
    expect(ids[4]!.startsWith('00000000-07d0')).toBe(true); // 2000 ms
  });

  it('keeps the order past 4096 ids in one millisecond', () => {
    const next = createUuidV7(() => 5000);
    const ids = Array.from({ length: 5000 }, next);
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    const next = createUuidV7();
    expect(new Set(Array.from({ length: 1000 }, next)).size).toBe(1000);
  });
});
