/**
 * Clerk signs the user in; tRPC (over IPC to main) is available everywhere below <TrpcProvider>.
 * Without a valid publishable key there is nothing to sign in with: we explain how to get one.
 */
import { ClerkFailed, ClerkLoading, ClerkProvider, Show, SignIn } from '@clerk/electron/react';

import { parsePublishableKey } from '../../main/auth/publishable-key';
import { AppFooter } from './components/AppFooter';
import { AppHeader } from './components/AppHeader';
import { Home } from './components/Home';
import { SetupScreen } from './components/SetupScreen';
import { TrpcProvider } from './lib/trpc';

const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY?.trim() ?? '';

export function App() {
  if (!parsePublishableKey(publishableKey)) {
    return <SetupScreen problem={publishableKey ? 'malformed' : 'missing'} />;
  }
  return (
    <ClerkProvider publishableKey={publishableKey}>
      <TrpcProvider>
        <div className="layout">
          <AppHeader />
          <main className="content">
            <ClerkLoading>
              <p className="muted centered">Connecting to Clerk…</p>
            </ClerkLoading>
            <ClerkFailed>
              <div className="card error">
                <h2>Clerk could not load</h2>
                <p>
                  Check your network connection, that the publishable key in <code>.env</code> belongs to an instance
                  with the Native API enabled, and the console for Content-Security-Policy errors.
                </p>
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
