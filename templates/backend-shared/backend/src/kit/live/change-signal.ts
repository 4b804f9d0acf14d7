/**
 * "The data of X changed" (X: a name such as a user's or an organization's workspace): the only
 * message live updates need. Listeners then read the change
 * log from the database (./note-changes.ts), so a signal carries no data and a missed or doubled
 * signal loses nothing.
 *
 * Workers: one Durable Object per name fans the signal out to every isolate (backend/src/kit/live/notes-live.ts).
 * Node: `createLocalChangeSignal`, within the process.
 */
export interface ChangeSignal {
  /** Wakes every listener of `name`. */
  notify(name: string): Promise<void>;
  /** Calls `onChange` after each notify for `name` until the returned function is called. */
  listen(name: string, onChange: () => void): Promise<() => void>;
}

export interface LocalChangeSignal extends ChangeSignal {
  /** Listeners currently registered, of one name or of all (diagnostics, leak tests). */
  listenerCount(name?: string): number;
}

/** In-process fan-out: reaches the subscribers connected to this process only. */
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
