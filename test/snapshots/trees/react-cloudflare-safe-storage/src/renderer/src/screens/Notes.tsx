/** The workspace's notes, newest first, a page at a time, refreshed on every add or remove (`remote.notes.changes`). */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState, type FormEvent } from 'react';

import { useTRPC } from '../../../kit/renderer/trpc';
import { Status } from '../components/Card';

const PAGE_SIZE = 20;

export function Notes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notes = useInfiniteQuery(
    trpc.remote.notes.list.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { getNextPageParam: (page) => (page.length === PAGE_SIZE ? page.at(-1)?.id : undefined) },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.remote.notes.list.pathKey() });
  // (Re)started: changes may have happened while it was not connected, so reload as well.
  const live = useSubscription(trpc.remote.notes.changes.subscriptionOptions(undefined, { onStarted: refresh, onData: refresh }));
  const addNote = useMutation(trpc.remote.notes.add.mutationOptions());
  const removeNote = useMutation(trpc.remote.notes.remove.mutationOptions());
  const [text, setText] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    addNote.mutate({ text }, { onSuccess: () => setText('') });
  };

  const list = notes.data?.pages.flat();
  const error = addNote.error ?? removeNote.error;
  return (
    <section className="card" data-screen="notes">
      <h2>
        remote.notes{' '}
        <span className="tag protected">backend · per org or user · {live.status === 'pending' ? 'live' : live.status}</span>
      </h2>
      <form onSubmit={submit}>
        <input value={text} onChange={(event) => setText(event.target.value)} placeholder="A note" maxLength={500} />{' '}
        <button type="submit" disabled={addNote.isPending || text.trim() === ''}>
          Add
        </button>
      </form>
      {error && <p className="error-text">{error.message}</p>}
      {list ? (
        <ul>
          {list.map((note) => (
            <li key={note.id}>
              {note.text} <span className="muted">{note.createdAt.toLocaleTimeString()}</span>{' '}
              <button type="button" onClick={() => removeNote.mutate({ id: note.id })} aria-label={`Remove "${note.text}"`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Status error={notes.error} />
      )}
      {notes.hasNextPage && (
        <button type="button" onClick={() => void notes.fetchNextPage()} disabled={notes.isFetchingNextPage}>
          Older notes
        </button>
      )}
    </section>
  );
}
