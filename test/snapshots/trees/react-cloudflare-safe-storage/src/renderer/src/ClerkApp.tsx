/**
 * Everything that needs Clerk: sign-in, the tRPC client (it attaches the session token to every
 * call) and the screens (routes.tsx). Loaded by App.tsx after the first paint.
 */
import { ClerkProvider } from '@clerk/electron/react';
import { RouterProvider } from 'react-router';

import { CLERK_UI_VERSION } from '../../kit/renderer/clerk-ui-version';
import { ClerkConnectionReporter } from './components/ConnectionStatus';
import { SessionFollower } from './components/SessionFollower';
import { TrpcProvider } from '../../kit/renderer/trpc';
import { router } from './routes';

// Clerk's UI at the exact version this build was tested with (see lib/clerk-ui-version.ts). The
// prop is internal to Clerk's SDKs, hence not in ClerkProvider's public type.
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
