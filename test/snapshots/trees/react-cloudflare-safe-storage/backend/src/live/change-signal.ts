/**
 * "User X's notes changed": the only message live updates need. Listeners then read the change
 * log from the database (./note-changes.ts), so a signal carries no data and a missed or doubled
 * signal loses nothing.
 *
 * Workers: one Durable Object per user fans the signal out to every isolate (backend/src/live/notes-live.ts).
 * Node: `createLocalChangeSignal`, within the process.
 */
export interface ChangeSignal {
  /** Wakes every listener of `userId`. */
  notify(userId: string): Promise<void>;
  /** Calls `onChange` after each notify for `userId` until the returned function is called. */
  listen(userId: string, onChange: () => void): Promise<() => void>;
}

export interface LocalChangeSignal extends ChangeSignal {
  /** Listeners currently registered, of one user or of all (diagnostics, leak tests). */
  listenerCount(userId?: string): number;
}

/** In-process fan-out: reaches the subscribers connected to this process only. */
export function createLocalChangeSignal(): LocalChangeSignal {
  const listeners = new Map<string, Set<() => void>>();
  return {
    async notify(userId) {
      for (const listener of [...(listeners.get(userId) ?? [])]) listener();
    },
    async listen(userId, onChange) {
      const own = () => onChange();
      const set = listeners.get(userId) ?? new Set();
      set.add(own);
      listeners.set(userId, set);
      return () => {
        set.delete(own);
        if (set.size === 0 && listeners.get(userId) === set) listeners.delete(userId);
      };
    },
    listenerCount(userId) {
      if (userId !== undefined) return listeners.get(userId)?.size ?? 0;
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
  };
}
