/**
 * The last good answer of each remote query, per user and active organization, so that the app
 * still shows something (marked stale) while the backend cannot be reached. Memory only, bounded per
 * user (least recently used go first), dropped for a user on sign-out. Never keyed by token: a user's
 * answers are theirs whichever window or session asked.
 */
import type { Identity } from './mutation-queue';

export interface CachedAnswer {
  value: unknown;
  /** When the backend gave it (ms epoch). */
  at: number;
}

export interface LastGoodCache {
  remember(identity: Identity, path: string, input: unknown, value: unknown): void;
  recall(identity: Identity, path: string, input: unknown): CachedAnswer | undefined;
  forgetUser(userId: string): void;
  clear(): void;
  /** Entries held for a user (tests, diagnostics). */
  size(userId: string): number;
}

export interface LastGoodCacheOptions {
  maxEntriesPerUser?: number;
  now?: () => number;
}

/** Same input, same key, whatever the order of its object keys. */
export function cacheKey(path: string, input: unknown): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value instanceof Date) return { $date: value.toISOString() };
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return `${path}:${JSON.stringify(sorted(input ?? null))}`;
}

export function createLastGoodCache(options: LastGoodCacheOptions = {}): LastGoodCache {
  const maxEntries = options.maxEntriesPerUser ?? 100;
  const now = options.now ?? Date.now;
  const users = new Map<string, Map<string, CachedAnswer>>();
  return {
    remember({ userId, orgId }, path, input, value) {
      let entries = users.get(userId);
      if (!entries) users.set(userId, (entries = new Map()));
      const key = `${orgId ?? ''} ${cacheKey(path, input)}`;
      entries.delete(key);
      entries.set(key, { value, at: now() });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    recall({ userId, orgId }, path, input) {
      const entries = users.get(userId);
      const key = `${orgId ?? ''} ${cacheKey(path, input)}`;
      const hit = entries?.get(key);
      if (hit) {
        entries!.delete(key); // most recently used last
        entries!.set(key, hit);
      }
      return hit;
    },
    forgetUser: (userId) => void users.delete(userId),
    clear: () => users.clear(),
    size: (userId) => users.get(userId)?.size ?? 0,
  };
}
