/**
 * The layout of every route: signed-out users get the sign-in screen whatever the route; signed-in
 * users get the nav and the route's screen (<Outlet />).
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
import { Navigate, NavLink, Outlet, useLocation, useMatches } from 'react-router';

import { AppFooter } from './AppFooter';
import { ConnectingToClerk, OfflineBanner, RetryButton } from './ConnectionStatus';
import { Layout } from './Layout';
import { UpdateBanner } from './UpdateBanner';

export function AppLayout() {
  const { orgId } = useAuth();
  return (
    <Layout
      nav={
        <Show when="signed-in">
          <nav className="nav">
            <NavLink to="/" end>
              Home
            </NavLink>
            <NavLink to="/notes">Notes</NavLink>
          </nav>
        </Show>
      }
      account={
        <Show when="signed-in">
          <OrganizationChoice />
          <UserButton />
        </Show>
      }
      banners={
        <>
          <UpdateBanner />
          <OfflineBanner />
        </>
      }
      footer={<AppFooter />}
    >
      <ClerkLoading>
        <ConnectingToClerk />
      </ClerkLoading>
      <ClerkFailed>
        <div className="card error">
          <h2>Clerk could not load</h2>
          <p>
            Check your network connection, that the publishable key in <code>.env</code> belongs to an instance with the Native
            API enabled, and the console for Content-Security-Policy errors.
          </p>
          <RetryButton />
        </div>
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
 * Clerk's organization switcher, for a user who belongs to one: on an instance without organizations
 * it would open Clerk's "enable organizations" prompt (development) at every start.
 */
function OrganizationChoice() {
  const { user } = useUser();
  return user?.organizationMemberships.length ? <OrganizationSwitcher /> : null;
}

/**
 * A session with a task left (`pending`, e.g. the instance requires an organization) counts as
 * signed out: the task is finished here, whatever the route, then the route's screen shows.
 */
function SignInScreen() {
  const { isSignedIn: hasPendingTask } = useAuth({ treatPendingAsSignedOut: false });
  if (!hasPendingTask) return <SignInForm />;
  return (
    <div className="centered" data-screen="session-task">
      <TaskChooseOrganization redirectUrlComplete={window.location.href} />
    </div>
  );
}

/**
 * Clerk's sign-in keeps its steps in the URL's hash (`#/factor-one`), from `#/`: signed out on one of
 * the app's screens, the page goes to `/` and shows the sign-in there.
 */
function SignInForm() {
  const { pathname } = useLocation();
  // Paths that are no screen of the app match the catch-all route (`*`): those are Clerk's steps.
  const onScreen = useMatches().at(-1)?.params['*'] === undefined;
  if (onScreen && pathname !== '/') return <Navigate to="/" replace />;
  return (
    <div className="centered" data-screen="sign-in">
      <SignIn />
    </div>
  );
}
