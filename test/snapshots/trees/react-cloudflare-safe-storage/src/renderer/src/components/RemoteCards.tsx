/**
 * The backend's procedures, called exactly like local ones: the renderer calls main (`remote.*`),
 * main forwards the call with this window's session token, the backend verifies it.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState, type FormEvent } from 'react';

import { useTRPC } from '../lib/trpc';

export function RemoteCards() {
  const trpc = useTRPC();
  const health = useQuery(trpc.remote.health.queryOptions());
  const me = useQuery(trpc.remote.me.queryOptions());

  return (
    <>
      <section className="card">
        <h2>
          remote.health <span className="tag">backend · public</span>
        </h2>
        {health.data ? (
          <dl>
            <dt>Status</dt>
            <dd>{health.data.status}</dd>
            <dt>Backend time</dt>
            <dd>{health.data.time.toLocaleTimeString()}</dd>
          </dl>
        ) : (
          <Status error={health.error} />
        )}
      </section>

      <section className="card">
        <h2>
          remote.me <span className="tag protected">backend · protected</span>
        </h2>
        {me.data ? (
          <dl>
            <dt>User</dt>
            <dd>
              <code>{me.data.userId}</code>
            </dd>
            <dt>Session</dt>
            <dd>
              <code>{me.data.sessionId}</code>
            </dd>
          </dl>
        ) : (
          <Status error={me.error} />
        )}
      </section>

      <NotesCard />
    </>
  );
}

const PAGE_SIZE = 20;

/**
 * The user's notes, newest first, a page at a time, updated live: `remote.notes.changes` streams
 * every add and remove (from this window, the user's other windows and devices), and each one
 * refreshes the list. The subscription ends when this card unmounts (sign-out, window closed).
 */
function NotesCard() {
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

  function submit(event: FormEvent) {
    event.preventDefault();
    addNote.mutate({ text }, { onSuccess: () => setText('') });
  }

  const list = notes.data?.pages.flat();
  const error = addNote.error ?? removeNote.error;
  return (
    <section className="card">
      <h2>
        remote.notes{' '}
        <span className="tag protected">backend · per user · {live.status === 'pending' ? 'live' : live.status}</span>
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

function Status({ error }: { error: { message: string } | null }) {
  return error ? <p className="error-text">{error.message}</p> : <p className="muted">Loading…</p>;
}
