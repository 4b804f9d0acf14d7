/**
 * What a signed-in user sees: one public procedure, one protected procedure and one subscription,
 * called the same way. Nobody passes a token: the IPC link attaches it to every call.
 */
import { useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';

import { useTRPC } from '../lib/trpc';
import { WindowsCard } from './WindowsCard';
import { OfflineStatus } from './OfflineStatus';
import { RemoteCards } from './RemoteCards';

export function Home() {
  const trpc = useTRPC();
  const info = useQuery(trpc.app.info.queryOptions());
  const me = useQuery(trpc.me.queryOptions());
  // Stops (and main's generator with it) when this component unmounts, e.g. on sign-out.
  const clock = useSubscription(trpc.clock.subscriptionOptions());

  return (
    <div className="cards">
      <section className="card">
        <h2>
          app.info <span className="tag">public</span>
        </h2>
        {info.data ? (
          <dl>
            <dt>Name</dt>
            <dd>{info.data.name}</dd>
            <dt>Version</dt>
            <dd>{info.data.version}</dd>
          </dl>
        ) : (
          <Status error={info.error} />
        )}
      </section>

      <section className="card">
        <h2>
          me <span className="tag protected">protected</span>
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
          clock <span className="tag">subscription</span>
        </h2>
        {clock.data ? <p className="clock">{clock.data.toLocaleTimeString()}</p> : <Status error={clock.error} />}
      </section>

      <WindowsCard />

      <OfflineStatus />
      <RemoteCards />
    </div>
  );
}

function Status({ error }: { error: { message: string } | null }) {
  return error ? <p className="error-text">{error.message}</p> : <p className="muted">Loading…</p>;
}
