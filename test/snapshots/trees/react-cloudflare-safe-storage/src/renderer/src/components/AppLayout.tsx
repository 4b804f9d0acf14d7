/** Every route's frame: signed out, the sign-in screen; signed in, the nav and the screen; update and connection banners. */
import {
  ClerkFailed,
  ClerkLoading,
  OrganizationSwitcher,
  Show,
  SignIn,
  TaskChooseOrganization,
  useAuth,
  UserButton,
  useUser,
} from '@clerk/electron/react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useMatches } from 'react-router';

import { describeConnection, pageConnection } from '../../../kit/renderer/connection-watcher';
import { useTRPC } from '../../../kit/renderer/trpc';
import { canCheckForUpdates, updateStatusText } from '../../../kit/renderer/update-status';
import { Layout } from '../App';

export function AppLayout() {
  const { orgId } = useAuth();
  const { user } = useUser();
  const trpc = useTRPC();
  // A public procedure: it answers whether or not anyone is signed in.
  const info = useQuery(trpc.app.info.queryOptions());
  const update = useSubscription(trpc.updates.status.subscriptionOptions()).data;
  const check = useMutation(trpc.updates.check.mutationOptions());
  const install = useMutation(trpc.updates.install.mutationOptions());
  const connection = useSyncExternalStore(pageConnection().subscribe, pageConnection().get);
  const said = describeConnection(connection);
  return (
    <Layout
      header={
        <Show when="signed-in">
          <nav className="nav">
            <NavLink to="/" end>
              Home
            </NavLink>
            <NavLink to="/notes">Notes</NavLink>
          </nav>
          {/* Only for a member of one: without organizations, Clerk would prompt to enable them at every start. */}
          {user?.organizationMemberships.length ? <OrganizationSwitcher /> : null}
          <UserButton />
        </Show>
      }
      banners={
        <>
          {update && update.state !== 'disabled' && (
            <div className={update.state === 'ready' ? 'banner' : 'banner muted'} role="status">
              {updateStatusText(update)}
              {update.state === 'ready' ? (
                <button type="button" onClick={() => install.mutate()} disabled={install.isPending}>
                  Restart
                </button>
              ) : (
                <button type="button" onClick={() => check.mutate()} disabled={!canCheckForUpdates(update) || check.isPending}>
                  Check for updates
                </button>
              )}
            </div>
          )}
          {connection.phase === 'ready' && said && (
            <div className="banner muted" role="status">
              <strong>{said.title}.</strong> {said.detail}
            </div>
          )}
        </>
      }
      footer={info.data ? `${info.data.name} ${info.data.version}` : info.isError ? 'Main did not answer' : undefined}
    >
      <ClerkLoading>
        {connection.phase === 'unreachable' && said ? (
          <RetryCard title={said.title}>{said.detail}</RetryCard>
        ) : (
          <p className="muted centered">Connecting to Clerk…</p>
        )}
      </ClerkLoading>
      <ClerkFailed>
        <RetryCard title="Clerk could not load">
          Check your network connection, that the publishable key in <code>.env</code> belongs to an instance with the Native API
          enabled, and the console for Content-Security-Policy errors.
        </RetryCard>
      </ClerkFailed>
      <Show when="signed-out">
        <SignInScreen />
      </Show>
      <Show when="signed-in">
        {/* Another organization, new screens: their data and live updates are the organization's. */}
        <Outlet key={orgId ?? ''} />
      </Show>
    </Layout>
  );
}

/**
 * A session with a task left (`pending`, e.g. the instance requires an organization) finishes it here, whatever the route.
 * Else Clerk's sign-in, whose steps live in the hash (`#/factor-one`) from `#/`: signed out on a screen, go to `/`.
 */
function SignInScreen() {
  const { isSignedIn: hasPendingTask } = useAuth({ treatPendingAsSignedOut: false });
  const { pathname } = useLocation();
  // Paths that are no screen of the app match the catch-all route (`*`): those are Clerk's steps.
  const onScreen = useMatches().at(-1)?.params['*'] === undefined;
  if (!hasPendingTask && onScreen && pathname !== '/') return <Navigate to="/" replace />;
  return (
    <div className="centered" data-screen={hasPendingTask ? 'session-task' : 'sign-in'}>
      {hasPendingTask ? <TaskChooseOrganization redirectUrlComplete={window.location.href} /> : <SignIn />}
    </div>
  );
}

/** What failed, and a Retry that loads Clerk again (a reload). */
function RetryCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card error" role="alert">
      <h2>{title}</h2>
      <p>{children}</p>
      <button type="button" onClick={() => pageConnection().watcher.retryNow()}>
        Retry
      </button>
    </div>
  );
}
