/**
 * Everything that needs Clerk: sign-in, the tRPC client (it attaches the session token to every
 * call) and the screens (routes.tsx). Loaded by App.tsx after the first paint.
 */
import { ClerkProvider, useClerk } from '@clerk/electron/react';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';

import { CLERK_UI_VERSION } from '../../kit/renderer/clerk-ui-version';
import { followSessionChanges } from '../../kit/renderer/session-changes';
import { TrpcProvider } from '../../kit/renderer/trpc';
import { ClerkConnectionReporter } from './components/ConnectionStatus';
import { router } from './routes';

// Clerk's UI at the exact version this build was tested with. The prop is internal to Clerk's SDKs.
const pinnedClerkUI = { __internal_clerkUIVersion: CLERK_UI_VERSION } as object;

export function ClerkApp({ publishableKey }: { publishableKey: string }) {
  return (
    <ClerkProvider publishableKey={publishableKey} {...pinnedClerkUI}>
      <TrpcProvider>
        <ClerkConnectionReporter />
        <SessionFollower />
        <RouterProvider router={router} />
      </TrpcProvider>
    </ClerkProvider>
  );
}

/** A sign-in, sign-out or organization switch in another window reloads this one if it shows someone else. */
function SessionFollower() {
  const clerk = useClerk();
  useEffect(
    () =>
      followSessionChanges(
        window.appTrpc,
        () => (clerk.loaded ? { userId: clerk.user?.id ?? null, orgId: clerk.organization?.id ?? null } : undefined),
        () => window.location.reload(),
      ),
    [clerk],
  );
  return null;
}
