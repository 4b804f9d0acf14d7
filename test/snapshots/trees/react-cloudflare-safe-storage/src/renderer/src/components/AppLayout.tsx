/**
 * The layout of every route: signed-out users get the sign-in screen whatever the route; signed-in
 * users get the nav and the route's screen (<Outlet />).
 */
import { ClerkFailed, ClerkLoading, Show, SignIn, UserButton } from '@clerk/electron/react';
import { Navigate, NavLink, Outlet, useLocation, useMatches } from 'react-router';

import { AppFooter } from './AppFooter';
import { ConnectingToClerk, OfflineBanner, RetryButton } from './ConnectionStatus';
import { Layout } from './Layout';
import { UpdateBanner } from './UpdateBanner';

export function AppLayout() {
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
        <Outlet />
      </Show>
    </Layout>
  );
}

/**
 * Clerk's sign-in keeps its steps in the URL's hash (`#/factor-one`), from `#/`: signed out on one of
 * the app's screens, the page goes to `/` and shows the sign-in there.
 */
function SignInScreen() {
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
