/** Procedures of main and of the backend, public and protected, and a subscription; the IPC link adds the token. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';

import { useTRPC } from '../../../kit/renderer/trpc';
import { Card, Fields } from '../components/Card';
import { OfflineStatus } from '../components/OfflineStatus';

export function Home() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.queryOptions());
  // Stops (and main's generator with it) when this component unmounts, e.g. on sign-out.
  const clock = useSubscription(trpc.clock.subscriptionOptions());
  const open = useMutation(trpc.windows.open.mutationOptions());
  const health = useQuery(trpc.remote.health.queryOptions());
  const remoteMe = useQuery(trpc.remote.me.queryOptions());
  const identity = (who: { userId: string; sessionId: string }) => (
    <Fields rows={{ User: <code>{who.userId}</code>, Session: <code>{who.sessionId}</code> }} />
  );

  return (
    <div className="cards" data-screen="home">
      <Card title="me" tag="protected" result={me}>
        {identity}
      </Card>
      <Card title="clock" tag="subscription" result={clock}>
        {(date) => <p className="clock">{date.toLocaleTimeString()}</p>}
      </Card>
      <section className="card">
        <h2>
          windows.open <span className="tag">public</span>
        </h2>
        <p className="muted">Every window shares your sign-in: sign out in one, and all of them are signed out.</p>
        <button type="button" onClick={() => open.mutate({ route: '/notes' })} disabled={open.isPending}>
          Open Notes in a new window
        </button>
        {open.error && <p className="error-text">{open.error.message}</p>}
      </section>
      <OfflineStatus />
      <Card title="remote.health" tag="backend · public" result={health}>
        {(health) => <Fields rows={{ Status: health.status, 'Backend time': health.time.toLocaleTimeString() }} />}
      </Card>
      <Card title="remote.me" tag="backend · protected" result={remoteMe}>
        {identity}
      </Card>
    </div>
  );
}
