/**
 * The backend's procedures, called exactly like local ones: the renderer calls main (`remote.*`),
 * main forwards the call with this window's session token, the backend verifies it. The notes are
 * on their own screen (screens/Notes.tsx).
 */
import { useQuery } from '@tanstack/react-query';

import { useTRPC } from '../../../kit/renderer/trpc';

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
    </>
  );
}

function Status({ error }: { error: { message: string } | null }) {
  return error ? <p className="error-text">{error.message}</p> : <p className="muted">Loading…</p>;
}
