/**
 * Clerk signs the user in; tRPC (over IPC to main) is available everywhere below <TrpcProvider>.
 * Without a valid publishable key there is nothing to sign in with: we explain how to get one.
 */
import { ClerkFailed, ClerkLoading, ClerkProvider, Show, SignIn } from '@clerk/electron/react';

import { parsePublishableKey } from '../../shared/publishable-key';
import { CLERK_UI_VERSION } from './lib/clerk-ui-version';
import { AppFooter } from './components/AppFooter';
import { AppHeader } from './components/AppHeader';
import { ClerkConnectionReporter, ConnectingToClerk, OfflineBanner, RetryButton } from './components/ConnectionStatus';
import { SessionFollower } from './components/SessionFollower';
import { Home } from './components/Home';
import { SetupScreen } from './components/SetupScreen';
import { UpdateBanner } from './components/UpdateBanner';
import { TrpcProvider } from './lib/trpc';

const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY?.trim() ?? '';

// Clerk's UI at the exact version this build was tested with (see lib/clerk-ui-version.ts). The
// prop is internal to Clerk's SDKs, hence not in ClerkProvider's public type.
const pinnedClerkUI = { __internal_clerkUIVersion: CLERK_UI_VERSION } as object;

export function App() {
  if (!parsePublishableKey(publishableKey)) {
    return <SetupScreen problem={publishableKey ? 'malformed' : 'missing'} />;
  }
  return (
    <ClerkProvider publishableKey={publishableKey} {...pinnedClerkUI}>
      <TrpcProvider>
        <div className="layout">
          <AppHeader />
          <UpdateBanner />
          <OfflineBanner />
          <ClerkConnectionReporter />
          <SessionFollower />
          <main className="content">
            <ClerkLoading>
              <ConnectingToClerk />
            </ClerkLoading>
            <ClerkFailed>
              <div className="card error">
                <h2>Clerk could not load</h2>
                <p>
                  Check your network connection, that the publishable key in <code>.env</code> belongs to an instance with the
                  Native API enabled, and the console for Content-Security-Policy errors.
                </p>
                <RetryButton />
              </div>
            </ClerkFailed>
            <Show when="signed-out">
              <div className="centered">
                <SignIn />
              </div>
            </Show>
            <Show when="signed-in">
              <Home />
            </Show>
          </main>
          <AppFooter />
        </div>
      </TrpcProvider>
    </ClerkProvider>
  );
}
