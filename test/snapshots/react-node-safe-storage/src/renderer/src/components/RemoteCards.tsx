/**
 * The backend's procedures, called exactly like local ones: the renderer calls main (`remote.*`),
 * main forwards the call with this window's session token, the backend verifies it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { useTRPC } from '../lib/trpc';

export function RemoteCards() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const health = useQuery(trpc.remote.health.queryOptions());
  const me = useQuery(trpc.remote.me.queryOptions());
  const notes = useQuery(trpc.remote.notes.list.queryOptions());
  const addNote = useMutation(
    trpc.remote.notes.add.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.remote.notes.list.queryKey() }),
    }),
  );
  const [text, setText] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    addNote.mutate({ text }, { onSuccess: () => setText('') });
  }

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

      <section className="card">
        <h2>
          remote.notes <span className="tag protected">backend · per user</span>
        </h2>
        <form onSubmit={submit}>
          <input value={text} onChange={(event) => setText(event.target.value)} placeholder="A note" maxLength={500} />{' '}
          <button type="submit" disabled={addNote.isPending || text.trim() === ''}>
            Add
          </button>
        </form>
        {addNote.error && <p className="error-text">{addNote.error.message}</p>}
        {notes.data ? (
          <ul>
            {notes.data.map((note) => (
              <li key={note.id}>
                {note.text} <span className="muted">{note.createdAt.toLocaleTimeString()}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Status error={notes.error} />
        )}
      </section>
    </>
  );
}

function Status({ error }: { error: { message: string } | null }) {
  return error ? <p className="error-text">{error.message}</p> : <p className="muted">Loading…</p>;
}
