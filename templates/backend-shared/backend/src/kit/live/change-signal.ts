/**
 * "The data of X changed" (X: a workspace's name), the only message live updates need: listeners
 * then read the change log from the database, so a missed or doubled signal loses nothing. Workers:
 * a Durable Object per name reaches every isolate (./notes-live.ts); Node: within the process (below).
 */
export interface ChangeSignal {
  /** Wakes every listener of `name`. */
  notify(name: string): Promise<void>;
  /** Calls `onChange` after each notify for `name` until the returned function is called. */
  listen(name: string, onChange: () => void): Promise<() => void>;
}

export interface LocalChangeSignal extends ChangeSignal {
  /** Listeners registered, of one name or of all (leak tests). */
  listenerCount(name?: string): number;
}

export function createLocalChangeSignal(): LocalChangeSignal {
  const listeners = new Map<string, Set<() => void>>();
  return {
    async notify(name) {
      for (const listener of [...(listeners.get(name) ?? [])]) listener();
    },
    async listen(name, onChange) {
      const own = () => onChange();
      const set = listeners.get(name) ?? new Set();
      set.add(own);
      listeners.set(name, set);
      return () => {
        set.delete(own);
        if (set.size === 0 && listeners.get(name) === set) listeners.delete(name);
      };
    },
    listenerCount(name) {
      if (name !== undefined) return listeners.get(name)?.size ?? 0;
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
  };
}
