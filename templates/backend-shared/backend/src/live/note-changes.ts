/**
 * The stream behind `notes.changes`: the workspace's change log (db/schema.ts, `note_changes`), read
 * after each change signal. Event ids are log ids, so a client reconnecting with `lastEventId` gets
 * exactly what it has not seen, and only ever of the workspace of the token that opened the stream.
 */
import { tracked } from '@trpc/server';
import type { BackendData } from '../data';
import { workspaceKey, type Workspace } from '../notes-store';

/** `lastEventId`: the last one the client saw; without it the stream starts with the next change. */
export async function* streamNoteChanges(
  { notes, changes }: Pick<BackendData, 'notes' | 'changes'>,
  workspace: Workspace,
  lastEventId: string | undefined,
  signal: AbortSignal | undefined,
  pageSize = 100,
) {
  let changed: boolean;
  let wake = () => {};
  const onAbort = () => wake();
  signal?.addEventListener('abort', onAbort);
  // Listen before reading the cursor: a change made in between is then both signalled and read.
  const stopListening = await changes.listen(workspaceKey(workspace), () => {
    changed = true;
    wake();
  });
  try {
    let cursor = lastEventId !== undefined ? Number(lastEventId) : await notes.latestChangeId(workspace);
    while (!signal?.aborted) {
      changed = false;
      const page = await notes.changesAfter(workspace, cursor, pageSize);
      for (const { id, change } of page) {
        cursor = id;
        yield tracked(String(id), change);
      }
      if (page.length < pageSize && !changed && !signal?.aborted) await new Promise<void>((resolve) => (wake = () => resolve()));
    }
  } finally {
    stopListening();
    signal?.removeEventListener('abort', onAbort);
  }
}
