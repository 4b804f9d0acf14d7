/**
 * The layout of every route: signed-out users get the sign-in screen whatever the route; signed-in
 * users get the nav and the route's screen (<Outlet />).
 */
import { ClerkFailed, ClerkLoading, Show, SignIn, UserButton } from '@clerk/electron/react';
import { NavLink, Outlet } from 'react-router';

import { AppFooter } from './AppFooter';
import { ConnectingToClerk, OfflineBanner, RetryButton } from './ConnectionStatus';
import { Layout } from './Layout';
import { UpdateBanner } from './UpdateBanner';

// Clerk keeps the sign-in's steps in memory, so the URL's hash stays the app's route: signed out on
// #/notes, the user signs in and lands on Notes. (Clerk's hash routing would take #/notes for one of
// its own steps and leave for its hosted sign-in page.) Not in SignIn's public type, hence the cast.
const signInInMemory = { routing: 'virtual' } as object;

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
        <div className="centered" data-screen="sign-in">
          <SignIn {...signInInMemory} />
        </div>
      </Show>
      <Show when="signed-in">
        <Outlet />
      </Show>
    </Layout>
  );
}
