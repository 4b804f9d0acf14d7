import type { TokenStorage } from '@clerk/electron';

/** A TokenStorage that lives as long as the process: nothing ever reaches the disk. */
export function createMemoryTokenStorage(): TokenStorage {
  const entries = new Map<string, string>();
  return {
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => {
      entries.set(key, value);
    },
    removeItem: (key) => {
      entries.delete(key);
    },
  };
}
