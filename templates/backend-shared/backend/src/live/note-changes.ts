/**
 * The stream behind `notes.changes`: the workspace's change log (db/schema.ts, `note_changes`), read
 * after each change signal. Event ids are log ids, so a client reconnecting with `lastEventId` gets
 * exactly what it has not seen, and only ever of the workspace of the token that opened the stream.
 */
import { tracked } from '@trpc/server';
import { workspaceKey, type NotesStore, type Workspace } from '../notes-store';
import type { ChangeSignal } from '../kit/live';

export interface NoteChangesOptions {
  store: NotesStore;
  changes: ChangeSignal;
  workspace: Workspace;
  /** The last event id the client saw; without one the stream starts with the next change. */
  lastEventId?: string;
  /** Ends the stream (the client went away). */
  signal?: AbortSignal;
  /** Changes read per query. */
  pageSize?: number;
}

export async function* streamNoteChanges(options: NoteChangesOptions) {
  const { store, changes, workspace, signal, pageSize = 100 } = options;
  const wake = createWakeUp();
  // Listen before reading the cursor: a change made in between is then both signalled and read.
  const stopListening = await changes.listen(workspaceKey(workspace), wake.set);
  try {
    let cursor = options.lastEventId !== undefined ? Number(options.lastEventId) : await store.latestChangeId(workspace);
    while (!signal?.aborted) {
      wake.clear();
      const page = await store.changesAfter(workspace, cursor, pageSize);
      for (const { id, change } of page) {
        cursor = id;
        yield tracked(String(id), change);
      }
      if (page.length < pageSize) await wake.wait(signal);
    }
  } finally {
    stopListening();
  }
}

/** A flag that `wait` sleeps on until it is set (or the signal aborts). */
function createWakeUp() {
  let isSet = false;
  let wakeWaiter: (() => void) | null = null;
  return {
    set: () => {
      isSet = true;
      wakeWaiter?.();
    },
    clear: () => {
      isSet = false;
    },
    wait(signal?: AbortSignal): Promise<void> {
      if (isSet || signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          wakeWaiter = null;
          signal?.removeEventListener('abort', done);
          resolve();
        };
        wakeWaiter = done;
        signal?.addEventListener('abort', done, { once: true });
      });
    },
  };
}
