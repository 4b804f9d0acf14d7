/**
 * The layout of every route: signed-out users get the sign-in screen whatever the route; signed-in
 * users get the nav and the route's screen (<Outlet />). While Clerk loads, and when it cannot, what
 * the connection watcher says (src/kit/renderer/connection-watcher.ts), with a Retry.
 */
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
import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useMatches } from 'react-router';

import { describeConnection, pageConnection } from '../../../kit/renderer/connection-watcher';
import { useTRPC } from '../../../kit/renderer/trpc';
import { Layout } from './Layout';
import { UpdateBanner } from './UpdateBanner';

export function AppLayout() {
  const { orgId } = useAuth();
  const { user } = useUser();
  const trpc = useTRPC();
  // A public procedure: it answers whether or not anyone is signed in.
  const info = useQuery(trpc.app.info.queryOptions());
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
          <UpdateBanner />
          {connection.phase === 'ready' && said && (
            <div className="banner muted" role="status">
              <strong>{said.title}.</strong> {said.detail}
            </div>
          )}
        </>
      }
      footer={
        <footer className="footer muted">
          {info.data ? `${info.data.name} ${info.data.version}` : info.isError ? 'Main did not answer' : '…'}
        </footer>
      }
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
 * A session with a task left (`pending`, e.g. the instance requires an organization) counts as
 * signed out: the task is finished here, whatever the route. Otherwise Clerk's sign-in, whose steps
 * live in the URL's hash (`#/factor-one`) from `#/`: signed out on one of the app's screens, the
 * page goes to `/` first.
 */
function SignInScreen() {
  const { isSignedIn: hasPendingTask } = useAuth({ treatPendingAsSignedOut: false });
  const { pathname } = useLocation();
  // Paths that are no screen of the app match the catch-all route (`*`): those are Clerk's steps.
  const onScreen = useMatches().at(-1)?.params['*'] === undefined;
  if (hasPendingTask) {
    return (
      <div className="centered" data-screen="session-task">
        <TaskChooseOrganization redirectUrlComplete={window.location.href} />
      </div>
    );
  }
  if (onScreen && pathname !== '/') return <Navigate to="/" replace />;
  return (
    <div className="centered" data-screen="sign-in">
      <SignIn />
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
